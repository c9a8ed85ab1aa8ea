package org.gridrl.irl.sampled;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Networks;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Ppo;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.UpdateStats;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * Adversarial inverse RL (Fu, Luo &amp; Levine 2018, "Learning robust rewards with adversarial
 * inverse reinforcement learning", Algorithm 1):
 * D(s, a, s') = exp f(s, a, s') / (exp f(s, a, s') + π(a|s)),
 * f(s, a, s') = g(s) + γ·h(s')·(1 − done) − h(s), so the logit of D is z = f − log π(a|s) and
 * the policy's reward log D − log(1 − D) = f − log π. g is the reward (g(s, a) by
 * {@link AirlConfig#rewardInputs()}), h a shaping potential; with a state-only g and
 * deterministic dynamics the optimum has g = r + const (Fu et al., Theorem 5.1).
 *
 * <p>Each iteration: (1) collect N·T steps with the current π ({@link Sampler#collect});
 * (2) log π(a|s) of the current π on every expert triple and every policy step; (3) train g and
 * h on expert against policy (s, a, s') rows by the logistic loss on z ({@link Discriminator}),
 * expert rows without a successor skipped; (4) replace the batch's rewards by
 * z = f(s, a, s') − log π(a|s) with the updated networks; (5) one PPO update on that batch
 * ({@link Ppo#update}). A transition into a terminal state has h(s') = 0; a time limit is not
 * terminal. γ is the PPO config's. {@link Iteration} holds the networks and runs step 1
 * ({@link Iteration#collect}) and steps 2–5 ({@link Iteration#run}); {@code train} is those two,
 * iteration after iteration.
 *
 * <p>Logged metrics per iteration: {@value Metrics#DISC_LOSS}, {@value Metrics#DISC_EXPERT_ACC},
 * {@value Metrics#DISC_POLICY_ACC} (and {@value Metrics#DISC_GRAD_PENALTY} with a penalty),
 * {@value Metrics#REWARD_MEAN} (mean of f − log π over the batch), {@value Metrics#POLICY_RETURN}
 * (mean true return of the episodes that ended in the batch, when any did), then PPO's update
 * keys ({@code UpdateStats.PpoClip.KEYS}). A NaN or infinite loss stops the run with an
 * {@link ArithmeticException} naming the iteration and the loss.
 *
 * <p>With {@link PolicyLearner#SAC} in the config, SAC learns the policy instead, on one
 * environment with continuous actions, its reward f − log π recomputed for every replayed
 * minibatch and the discriminator updated on transitions drawn from SAC's replay buffer every
 * {@code sacStepsPerIteration} steps: see {@code AirlSac}. The steps above are PPO's.
 */
public final class Airl {

  /** The algorithm's name in error messages; its provenance name is {@code airl}. */
  public static final String NAME = "AIRL";

  private Airl() {
  }

  /**
   * Trains a policy ({@link Networks#defaultPolicy}), g and h from the config's seed.
   *
   * @param sampler the environments, tabular or continuous; reseeded from the config's seed
   *     (with SAC: exactly one environment, continuous actions, reset from SAC's seed).
   *     Modified (stepped).
   * @param expert the demonstrations, over the sampler's observations and actions; rows without
   *     a successor are skipped, at least one must have one. Not modified.
   * @param listener receives every iteration's metrics; null for none
   * @return π, the learned reward g (inputs STATE or STATE_ACTION), the history and the
   *     provenance
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  public static SampledIrlResult<AirlConfig> train(Sampler<?, ?> sampler, Transitions expert,
      AirlConfig config, TrainingListener listener) {
    Check.notNull("config", config);
    if (config.learner() == PolicyLearner.SAC) {
      Check.notNull("sampler", sampler);
      Check.notNull("expert", expert);
      Gail.checkMatches(sampler, expert);
      Check.argument(expert.numTriples() > 0,
          "AIRL needs expert rows with a successor observation, %s has none", expert);
      return AirlSac.train(sampler, expert, config, listener);
    }
    MetricsRecorder history = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(history, listener);
    long start = System.nanoTime();
    Iteration iteration = new Iteration(sampler, expert, config);
    long steps = 0;
    for (int it = 1; it <= config.iterations(); it++) {
      // 1. experience from the current policy
      Batch batch = iteration.collect();
      steps += batch.size();
      // 2-5. log π, g and h, r = f − log π, PPO
      iteration.run(batch, it, out);
      out.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
    }
    return new SampledIrlResult<>(iteration.policy(), iteration.reward(), config.iterations(),
        steps, config, history.history(), Provenance.of("airl", config, config.seed()));
  }

  /**
   * AIRL's networks and scratch, and one iteration of {@link #train} split into its steps so
   * that each can be timed ({@code gridrl bench airl}): {@link #collect} is step 1,
   * {@link #run} steps 2–5, and {@link #discriminatorUpdate} and {@link #policyUpdate} repeat
   * step 3 and step 5 alone on the data the last {@link #run} used. {@link #train} is
   * {@code collect} then {@code run}, iteration after iteration, so a run through this class
   * from a fresh instance gives {@code train}'s numbers bit for bit. Not thread-safe.
   */
  public static final class Iteration {
    private final Sampler<?, ?> sampler;
    private final AirlConfig config;
    private final Policy policy;
    private final Ppo ppo;
    private final Mlp g;
    private final Discriminator disc;
    private final LogProbs logProbs;
    private final Rows expertRows;
    private final Rows policyRows;
    private final double[] rewards;
    private final boolean stateAction;
    private final int numActions;
    private Batch rewardBatch;

    /**
     * The networks of {@link #train} from the config's seed: π ({@link Networks#defaultPolicy}),
     * V, g and h; the sampler reseeded as {@code train} does.
     *
     * @param sampler the environments. Modified (reseeded now, stepped by {@link #collect}).
     * @param expert the demonstrations, as in {@link #train}. Not modified (packed once).
     * @throws IllegalArgumentException as {@link #train}
     */
    public Iteration(Sampler<?, ?> sampler, Transitions expert, AirlConfig config) {
      Check.notNull("sampler", sampler);
      Check.notNull("expert", expert);
      Check.notNull("config", config);
      Gail.checkMatches(sampler, expert);
      Check.argument(expert.numTriples() > 0,
          "AIRL needs expert rows with a successor observation, %s has none", expert);
      this.sampler = sampler;
      this.config = config;
      PpoConfig ppoConfig = config.ppo();
      long seed = config.seed();
      Rng root = new Rng(seed);
      this.policy = Networks.defaultPolicy(sampler, ppoConfig.hidden(), ppoConfig.initLogStd(),
          seed);
      Module value = Networks.defaultValue(sampler, ppoConfig.hidden(), seed);
      sampler.reseed(root.fork(2).nextLong());
      this.ppo = new Ppo(policy, value, ppoConfig);
      int obsDim = sampler.observationDim();
      int actionDim = sampler.actionDim();
      this.numActions = sampler.discrete() ? sampler.numActions() : 0;
      this.stateAction = config.rewardInputs() == LearnedReward.Inputs.STATE_ACTION;
      int gInputDim = obsDim
          + (stateAction ? Discriminator.actionWidth(actionDim, numActions) : 0);
      Rng init = root.fork(4);
      this.g = Gail.discriminatorNet(gInputDim, config.discriminator(), init);
      Mlp h = Gail.discriminatorNet(obsDim, config.discriminator(), init);
      Discriminator.Logit logit = shapedLogit(g, h, gInputDim, obsDim, ppoConfig.gamma());
      this.disc = new Discriminator(NAME, logit, config.discriminator(), root.fork(5));
      this.logProbs = new LogProbs(policy);
      // the expert's (s, a, s') triples, packed once; their log π column is refreshed each
      // iteration
      this.expertRows = Rows.ofExpert(expert, gInputDim, stateAction, numActions);
      int n = sampler.numEnvs() * ppoConfig.stepsPerEnv();
      this.policyRows = new Rows(n, obsDim, actionDim, gInputDim);
      this.rewards = new double[n];
    }

    /** Step 1: N·T steps of the current π ({@link Sampler#collect}). */
    public Batch collect() {
      return sampler.collect(policy, config.ppo().stepsPerEnv());
    }

    /**
     * Steps 2–5 on a batch of N·T steps: log π on both classes, the discriminator's update,
     * r = f − log π, one PPO update; reports the iteration's metrics (not
     * {@code onIterationEnd}).
     *
     * @param batch from {@link #collect} (or any batch of this sampler's N·T steps; PPO takes
     *     its recorded log π as π_old). Not modified; kept for {@link #policyUpdate}.
     * @param iteration the iteration number for metrics and error messages
     * @param out receives the metrics; {@link TrainingListener#NONE} for none
     * @return PPO's statistics
     * @throws ArithmeticException if a loss or gradient is NaN or infinite
     */
    public UpdateStats run(Batch batch, long iteration, TrainingListener out) {
      int n = rewards.length;
      if (batch.size() != n) { // not Check.argument: its boxed arguments would allocate
        throw new IllegalArgumentException("AIRL iterates on batches of " + n + " steps, got "
            + batch.size());
      }
      policyRows.fill(batch, stateAction, numActions);
      // 2. log π(a|s) of the current policy on both classes
      expertRows.refreshLogProbs(logProbs);
      policyRows.refreshLogProbs(logProbs);
      // 3. g, h: expert triples against the batch's
      Discriminator.Stats ds = updateDiscriminator(iteration);
      // 4. r = f − log π from the updated networks
      double[] z = disc.policyLogits();
      double mean = 0;
      for (int t = 0; t < n; t++) {
        rewards[t] = z[t];
        mean += z[t];
      }
      ds.report(out, iteration, config.discriminator().gradientPenalty() > 0);
      out.onScalar(iteration, Metrics.REWARD_MEAN, mean / n);
      Gail.reportReturn(out, iteration, batch);
      // 5. one PPO update on the batch with AIRL's rewards
      rewardBatch = Gail.withRewards(batch, rewards);
      UpdateStats u = ppo.update(rewardBatch, iteration);
      u.report(out, iteration);
      return u;
    }

    /**
     * Step 3 alone: the discriminator's update on the rows (with their log π) of the last
     * {@link #run}.
     *
     * @return the update's {@value Metrics#DISC_LOSS}
     * @throws IllegalStateException before the first {@link #run}
     */
    public double discriminatorUpdate(long iteration) {
      requireRun();
      return updateDiscriminator(iteration).loss();
    }

    /**
     * Step 5 alone: a PPO update on the last {@link #run}'s batch with its rewards.
     *
     * @throws IllegalStateException before the first {@link #run}
     */
    public UpdateStats policyUpdate(long iteration) {
      requireRun();
      return ppo.update(rewardBatch, iteration);
    }

    /** π, trained in place. */
    public Policy policy() {
      return policy;
    }

    /** g as the learned reward (a view of the network, which later iterations train). */
    public LearnedReward reward() {
      return new NetworkReward(g, config.rewardInputs(), sampler.observationDim(),
          sampler.actionDim(), numActions, false);
    }

    private Discriminator.Stats updateDiscriminator(long iteration) {
      return disc.update(expertRows.x, expertRows.aux, expertRows.n, policyRows.x,
          policyRows.aux, rewards.length, iteration);
    }

    private void requireRun() {
      if (rewardBatch == null) {
        throw new IllegalStateException("AIRL: no iteration has run yet");
      }
    }
  }

  /**
   * AIRL's logit z = g(x_g) + γ·(1 − done)·h(s') − h(s) − log π(a|s) over rows
   * x = [x_g | s'] (x_g = s, or s ⊕ enc(a); s is x_g's first obsDim columns) and constants
   * c = [1 − done, log π(a|s)]. Parameters: g's, then h's.
   *
   * @param g x_g → 1
   * @param h s → 1
   */
  static Discriminator.Logit shapedLogit(Mlp g, Mlp h, int gInputDim, int obsDim,
      double gamma) {
    List<Parameter> ps = new ArrayList<>(g.parameters());
    ps.addAll(h.parameters());
    List<Parameter> parameters = List.copyOf(ps);
    int offsetH = g.parameters().size();
    return new Discriminator.Logit() {
      @Override
      public List<Parameter> parameters() {
        return parameters;
      }

      @Override
      public int inputDim() {
        return gInputDim + obsDim;
      }

      @Override
      public int auxDim() {
        return 2;
      }

      @Override
      public Tensor forward(Tape tape, Tensor x, Tensor aux, List<Tensor> params) {
        int m = x.rows();
        Tensor gs = g.forward(tape, tape.slice(x, 0, m, 0, gInputDim), params, 0);
        Tensor hs = h.forward(tape, tape.slice(x, 0, m, 0, obsDim), params, offsetH);
        Tensor hNext = h.forward(tape, tape.slice(x, 0, m, gInputDim, gInputDim + obsDim),
            params, offsetH);
        Tensor notDone = tape.slice(aux, 0, m, 0, 1);
        Tensor logPi = tape.slice(aux, 0, m, 1, 2);
        Tensor f = tape.sub(tape.add(gs, tape.mul(tape.mul(notDone, hNext), gamma)), hs);
        return tape.sub(f, logPi);
      }
    };
  }

  /**
   * log π(a|s) of a policy's current parameters for packed rows (values only); after its first
   * call on a size it allocates nothing (the tape's buffers and the evaluation are reused).
   */
  static final class LogProbs {
    private final Policy policy;
    private final Tape tape = new Tape();
    private final List<Tensor> params = new ArrayList<>();
    private final DMatrixRMaj obs = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj actions = new DMatrixRMaj(1, 1);
    private final Policy.Evaluation evaluation = new Policy.Evaluation(null, null);

    LogProbs(Policy policy) {
      this.policy = policy;
    }

    /**
     * Writes log π(a_t|s_t) for t &lt; n into out[t·stride + offset].
     *
     * @param observations n × obsDim. Not modified.
     * @param actionValues n × actionDim. Not modified.
     * @param actionIndices the n discrete actions, or null when continuous. Not modified.
     * @param out Modified.
     */
    void compute(double[] observations, double[] actionValues, int[] actionIndices, int n,
        double[] out, int stride, int offset) {
      tape.reset();
      obs.data = observations;
      obs.numRows = n;
      obs.numCols = policy.observationDim();
      actions.data = actionValues;
      actions.numRows = n;
      actions.numCols = policy.actionDim();
      params.clear();
      List<Parameter> ps = policy.parameters();
      for (int i = 0, np = ps.size(); i < np; i++) {
        params.add(tape.constant(ps.get(i).value()));
      }
      Policy.Evaluation ev = policy.evaluate(tape, tape.constant(obs), params,
          policy.discrete() ? null : actions, policy.discrete() ? actionIndices : null,
          evaluation);
      double[] lp = ev.logProb().value().data;
      for (int t = 0; t < n; t++) {
        out[t * stride + offset] = lp[t];
      }
      tape.reset();
    }
  }

  /** Packed discriminator rows x = [x_g | s'], c = [1 − done, log π] and what log π needs. */
  static final class Rows {
    final int n;
    final double[] x;
    final double[] aux;
    final double[] obs;
    final double[] actions;
    int[] actionIndices;
    private final int obsDim;
    private final int actionDim;
    private final int width;

    Rows(int n, int obsDim, int actionDim, int gInputDim) {
      this.n = n;
      this.obsDim = obsDim;
      this.actionDim = actionDim;
      this.width = gInputDim + obsDim;
      this.x = new double[n * width];
      this.aux = new double[n * 2];
      this.obs = new double[n * obsDim];
      this.actions = new double[n * actionDim];
    }

    /** The expert's rows that have a successor. */
    static Rows ofExpert(Transitions e, int gInputDim, boolean stateAction, int numActions) {
      int d = e.observationDim();
      int k = e.actionDim();
      Rows r = new Rows(e.numTriples(), d, k, gInputDim);
      r.actionIndices = e.discrete() ? new int[r.n] : null;
      boolean[] hasNext = e.hasNext();
      boolean[] terminated = e.terminated();
      int j = 0;
      for (int t = 0; t < e.size(); t++) {
        if (!hasNext[t]) {
          continue;
        }
        System.arraycopy(e.observations(), t * d, r.obs, j * d, d);
        System.arraycopy(e.actions(), t * k, r.actions, j * k, k);
        if (r.actionIndices != null) {
          r.actionIndices[j] = e.actionIndices()[t];
        }
        r.packRow(j, e.observations(), e.actions(), t, e.nextObservations(), terminated[t],
            stateAction, numActions);
        j++;
      }
      return r;
    }

    /** Fills the rows from a batch of the same size. */
    void fill(Batch b, boolean stateAction, int numActions) {
      System.arraycopy(b.observations(), 0, obs, 0, n * obsDim);
      System.arraycopy(b.actions(), 0, actions, 0, n * actionDim);
      actionIndices = b.actionIndices();
      boolean[] terminated = b.terminated();
      for (int t = 0; t < n; t++) {
        packRow(t, b.observations(), b.actions(), t, b.nextObservations(), terminated[t],
            stateAction, numActions);
      }
    }

    void packRow(int row, double[] o, double[] a, int t, double[] next,
        boolean terminated, boolean stateAction, int numActions) {
      int at = row * width;
      System.arraycopy(o, t * obsDim, x, at, obsDim);
      at += obsDim;
      if (stateAction) {
        Discriminator.writeAction(a, t, actionDim, numActions, x, at);
        at += Discriminator.actionWidth(actionDim, numActions);
      }
      System.arraycopy(next, t * obsDim, x, at, obsDim);
      aux[row * 2] = terminated ? 0.0 : 1.0;
    }

    void refreshLogProbs(LogProbs lp) {
      lp.compute(obs, actions, actionIndices, n, aux, 2, 1);
    }
  }
}
