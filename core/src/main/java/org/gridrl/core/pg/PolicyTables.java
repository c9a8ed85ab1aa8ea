package org.gridrl.core.pg;

import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.planning.PolicyEvaluation;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Check;

/**
 * A network policy judged exactly on a tabular world, where the dynamics are known to us but not
 * to the learner: π(a|s) as a table, J^π = Σ_s d0(s) V^π(s) by exact policy evaluation
 * (discounted with the MDP's γ), the expected return of a fixed-horizon episode, and the
 * normalised return (J^π − J^unif) / (J* − J^unif). Used by every family that trains a network
 * policy on a tabular world (IRL, multi-task) and the results tables that judge them.
 */
public final class PolicyTables {

  private PolicyTables() {
  }

  /**
   * π(a|s) of a discrete network policy at every state, s encoded by {@code encoder}.
   *
   * @param policy a discrete policy over the encoder's observations. Not modified.
   * @param numStates S
   * @param encoder state → observation of length {@code policy.observationDim()}
   */
  public static TabularPolicy policy(Policy policy, int numStates,
      ObservationEncoder<Integer> encoder) {
    Check.notNull("policy", policy);
    Check.notNull("encoder", encoder);
    Check.argument(policy.discrete(), "the policy must have discrete actions");
    Check.positive("numStates", numStates);
    int numA = numActions(policy, encoder);
    int d = policy.observationDim();
    int rows = numStates * numA;
    DMatrixRMaj obs = new DMatrixRMaj(rows, d);
    int[] actions = new int[rows];
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numA; a++) {
        encoder.encode(s, obs.data, (s * numA + a) * d);
        actions[s * numA + a] = a;
      }
    }
    Tape tape = new Tape();
    double[] logp = policy.evaluate(tape, tape.constant(obs), policy.bind(tape), null, actions)
        .logProb().value().data;
    double[] pi = new double[rows];
    for (int s = 0; s < numStates; s++) {
      double sum = 0;
      for (int a = 0; a < numA; a++) {
        pi[s * numA + a] = Math.exp(logp[s * numA + a]);
        sum += pi[s * numA + a];
      }
      for (int a = 0; a < numA; a++) {
        pi[s * numA + a] /= sum; // rounding only: the rows sum to 1 within 1e-15
      }
    }
    return TabularPolicy.of(numStates, numA, pi);
  }

  // the number of actions of a categorical policy: its network's output width
  private static int numActions(Policy policy, ObservationEncoder<Integer> encoder) {
    Tape tape = new Tape();
    DMatrixRMaj obs = new DMatrixRMaj(1, policy.observationDim());
    encoder.encode(0, obs.data, 0);
    // the policy's own forward (its logits), not its trunk's: a view such as a task-id policy
    // widens the observation before its trunk sees it
    return policy.forward(tape, tape.constant(obs)).value().numCols;
  }

  /** J^π = Σ_s d0(s) V^π(s) by exact policy evaluation under the MDP's reward and γ. */
  public static double expectedReturn(TabularMdp mdp, TabularPolicy pi) {
    Check.notNull("mdp", mdp);
    Check.notNull("pi", pi);
    return dot(mdp.initialDistribution(), PolicyEvaluation.evaluate(mdp, pi));
  }

  /**
   * The expected undiscounted return of an episode of {@code horizon} steps from d0,
   * Σ_{t<T} Σ_s d_t(s) Σ_a π(a|s) r(s, a), d_{t+1}(s') = Σ_{s,a} d_t(s) π(a|s) P(s'|s, a), the
   * mass that reaches a terminal state collecting nothing more: what the episodes of a
   * {@code TimeLimit}ed {@code TabularEnv} return on average.
   *
   * @param mdp the world with the reward to sum. Not modified.
   * @param pi the policy. Not modified.
   * @param horizon T ≥ 1
   */
  public static double episodeReturn(TabularMdp mdp, TabularPolicy pi, int horizon) {
    Check.notNull("mdp", mdp);
    Check.notNull("pi", pi);
    Check.positive("horizon", horizon);
    int numS = mdp.numStates();
    int numA = mdp.numActions();
    int[] rowStart = mdp.rowStart();
    int[] succ = mdp.successors();
    double[] prob = mdp.probabilities();
    double[] r = mdp.rewards();
    double[] d = mdp.initialDistribution().clone();
    double[] next = new double[numS];
    double total = 0;
    for (int t = 0; t < horizon; t++) {
      java.util.Arrays.fill(next, 0);
      for (int s = 0; s < numS; s++) {
        if (d[s] == 0 || mdp.isTerminal(s)) {
          continue;
        }
        for (int a = 0; a < numA; a++) {
          double w = d[s] * pi.probability(s, a);
          total += w * r[s * numA + a];
          for (int k = rowStart[s * numA + a]; k < rowStart[s * numA + a + 1]; k++) {
            next[succ[k]] += w * prob[k];
          }
        }
      }
      double[] tmp = d;
      d = next;
      next = tmp;
    }
    return total;
  }

  /**
   * (J^π − J^unif) / (J* − J^unif): 1 for an optimal policy, 0 for the uniform one, negative when
   * worse than uniform. NaN when J* = J^unif (every policy is as good).
   *
   * @param mdp the world with its true reward. Not modified.
   * @param pi the policy to judge. Not modified.
   */
  public static double normalisedReturn(TabularMdp mdp, TabularPolicy pi) {
    Check.notNull("mdp", mdp);
    return normalisedReturn(mdp, ValueIteration.solve(mdp), pi);
  }

  /**
   * {@link #normalisedReturn(TabularMdp, TabularPolicy)} with the optimal solution given (one
   * solve for many policies).
   *
   * @param optimal {@code ValueIteration.solve(mdp)}. Not modified.
   */
  public static double normalisedReturn(TabularMdp mdp, Solution optimal, TabularPolicy pi) {
    Check.notNull("mdp", mdp);
    Check.notNull("optimal", optimal);
    // J* by exact evaluation of the optimal policy, as J^π and J^unif are: an optimal π gives 1
    // to rounding, not to value iteration's tolerance
    double jStar = expectedReturn(mdp, optimal.policy());
    double jUnif = expectedReturn(mdp, TabularPolicy.uniform(mdp.numStates(), mdp.numActions()));
    double jPi = expectedReturn(mdp, pi);
    return jStar == jUnif ? Double.NaN : (jPi - jUnif) / (jStar - jUnif);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
