package org.gridrl.irl.sampled;

import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * A tabular policy π(a|s) (for instance the soft-optimal expert of {@code core.planning}) seen
 * as a {@link Policy} over observations: a ~ π(·|s(o)), with the state s(o) read back from the
 * observation o that the encoder wrote for it (one-hot, or any features that tell the states
 * apart). It lets a tabular expert run through {@code core.pg.Sampler} like any learned policy,
 * so tabular and continuous expert data come from one path ({@link ExpertData#sample}), and it
 * gives the exact log π(a|s) of the expert to tests (AIRL's D = exp f / (exp f + π)).
 *
 * <p>It has no parameters: {@link #forward} gives log π(·|s_i) as constant logits (−∞ for an
 * action of probability 0, which {@code core.dist.Categorical} masks), and
 * {@link #evaluate(Tape, Tensor, List, DMatrixRMaj, int[])} gives log π(a_i|s_i) and H(π(·|s_i))
 * (0·log 0 = 0) as constants computed from the table directly. An observation that is no
 * state's encoding is an {@link IllegalArgumentException} naming the row. Immutable.
 */
public final class TabularExpertPolicy implements Policy {

  private final TabularPolicy pi;
  private final int numStates;
  private final int numActions;
  private final int obsDim;
  private final boolean oneHot;
  /** S × obsDim: the encoding of every state. */
  private final double[] encodings;
  /** S × A: log π(a|s), −∞ where π(a|s) = 0. */
  private final double[] logPi;
  /** S: H(π(·|s)). */
  private final double[] entropy;

  private TabularExpertPolicy(TabularPolicy pi, double[] encodings, int obsDim, boolean oneHot) {
    this.pi = pi;
    this.numStates = pi.numStates();
    this.numActions = pi.numActions();
    this.obsDim = obsDim;
    this.oneHot = oneHot;
    this.encodings = encodings;
    this.logPi = new double[numStates * numActions];
    this.entropy = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      double h = 0;
      for (int a = 0; a < numActions; a++) {
        double p = pi.probability(s, a);
        logPi[s * numActions + a] = Math.log(p);
        if (p > 0) {
          h -= p * Math.log(p);
        }
      }
      entropy[s] = h;
    }
  }

  /**
   * The expert over one-hot observations of length S (what {@code Sampler.oneHot} writes).
   *
   * @param pi π(a|s). Not modified (immutable).
   */
  public static TabularExpertPolicy oneHot(TabularPolicy pi) {
    Check.notNull("pi", pi);
    int n = pi.numStates();
    double[] enc = new double[n * n];
    for (int s = 0; s < n; s++) {
      enc[s * n + s] = 1;
    }
    return new TabularExpertPolicy(pi, enc, n, true);
  }

  /**
   * The expert over the observations {@code encoder} writes (features, one-hot, ...). Every
   * state must have its own observation, else the state of an observation is ambiguous.
   *
   * @param pi π(a|s). Not modified (immutable).
   * @param encoder state → observation of length obsDim
   * @param obsDim the observation length, ≥ 1
   * @throws IllegalArgumentException if two states have the same observation (naming both) or
   *     an observation is not finite
   */
  public static TabularExpertPolicy of(TabularPolicy pi, ObservationEncoder<Integer> encoder,
      int obsDim) {
    Check.notNull("pi", pi);
    Check.notNull("encoder", encoder);
    Check.positive("obsDim", obsDim);
    int n = pi.numStates();
    double[] enc = new double[n * obsDim];
    for (int s = 0; s < n; s++) {
      encoder.encode(s, enc, s * obsDim);
      for (int j = 0; j < obsDim; j++) {
        Check.argument(Double.isFinite(enc[s * obsDim + j]),
            "the observation of state %s has %s at %s", s, enc[s * obsDim + j], j);
      }
    }
    for (int s = 0; s < n; s++) {
      for (int u = s + 1; u < n; u++) {
        Check.argument(!Arrays.equals(enc, s * obsDim, (s + 1) * obsDim, enc, u * obsDim,
            (u + 1) * obsDim), "states %s and %s have the same observation, so a policy of "
            + "observations cannot tell them apart", s, u);
      }
    }
    boolean identity = obsDim == n;
    for (int i = 0; identity && i < enc.length; i++) {
      identity = enc[i] == (i / n == i % n ? 1.0 : 0.0);
    }
    return new TabularExpertPolicy(pi, enc, obsDim, identity);
  }

  /** The tabular policy. */
  public TabularPolicy tabular() {
    return pi;
  }

  /**
   * The state whose observation is {@code obs[offset .. offset + obsDim)}.
   *
   * @param obs the observations. Not modified.
   * @throws IllegalArgumentException if it is no state's observation
   */
  public int state(double[] obs, int offset) {
    if (oneHot) {
      for (int j = 0; j < obsDim; j++) {
        if (obs[offset + j] != 0) {
          if (Arrays.equals(obs, offset, offset + obsDim, encodings, j * obsDim,
              (j + 1) * obsDim)) {
            return j;
          }
          break;
        }
      }
    } else {
      for (int s = 0; s < numStates; s++) {
        if (Arrays.equals(obs, offset, offset + obsDim, encodings, s * obsDim,
            (s + 1) * obsDim)) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException("the observation "
        + Arrays.toString(Arrays.copyOfRange(obs, offset, offset + obsDim))
        + " is no state's observation");
  }

  @Override
  public int observationDim() {
    return obsDim;
  }

  @Override
  public int actionDim() {
    return 1;
  }

  @Override
  public boolean discrete() {
    return true;
  }

  /** This policy itself: its "network" maps observations to the logits log π(·|s). */
  @Override
  public Module network() {
    return this;
  }

  /** None: the expert is fixed. */
  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  /**
   * log π(·|s_i) as an m × A constant (−∞ for an action of probability 0): logits whose softmax
   * is π(·|s_i).
   */
  @Override
  public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
    int m = x.rows();
    double[] o = x.value().data;
    DMatrixRMaj out = new DMatrixRMaj(m, numActions);
    for (int i = 0; i < m; i++) {
      int s = state(o, i * obsDim);
      System.arraycopy(logPi, s * numActions, out.data, i * numActions, numActions);
    }
    return tape.constant(out);
  }

  /**
   * log π(a_i|s_i) and H(π(·|s_i)) as m × 1 constants (no parameters, so no gradient).
   *
   * @param actions ignored (discrete)
   * @param actionIndices the m actions. Not modified.
   */
  @Override
  public Evaluation evaluate(Tape tape, Tensor obs, List<Tensor> params, DMatrixRMaj actions,
      int[] actionIndices) {
    Check.notNull("actionIndices", actionIndices);
    int m = obs.rows();
    Check.argument(actionIndices.length == m, "%s actions for %s observations",
        actionIndices.length, m);
    double[] o = obs.value().data;
    DMatrixRMaj lp = new DMatrixRMaj(m, 1);
    DMatrixRMaj h = new DMatrixRMaj(m, 1);
    for (int i = 0; i < m; i++) {
      int s = state(o, i * obsDim);
      int a = actionIndices[i];
      Check.argument(a >= 0 && a < numActions, "action %s of row %s is outside [0, %s)", a, i,
          numActions);
      lp.data[i] = logPi[s * numActions + a];
      h.data[i] = entropy[s];
    }
    return new Evaluation(tape.constant(lp), tape.constant(h));
  }

  /** Draws a_i ~ π(·|s_i) row by row from {@code rng} ({@link TabularPolicy#sample}). */
  @Override
  public void act(Tape tape, DMatrixRMaj obs, Rng rng, DMatrixRMaj actionsOut,
      double[] logProbOut) {
    int m = obs.numRows;
    actionsOut.reshape(m, 1);
    for (int i = 0; i < m; i++) {
      int s = state(obs.data, i * obsDim);
      int a = pi.sample(s, rng);
      actionsOut.data[i] = a;
      logProbOut[i] = logPi[s * numActions + a];
    }
  }

  @Override
  public String toString() {
    return "TabularExpertPolicy[S=" + numStates + ", A=" + numActions + ", obs " + obsDim
        + (oneHot ? " one-hot" : "") + "]";
  }
}
