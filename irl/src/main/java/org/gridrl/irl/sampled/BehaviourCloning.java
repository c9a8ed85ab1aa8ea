package org.gridrl.irl.sampled;

import com.google.common.primitives.Ints;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.dist.Categorical;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.GaussianPolicy;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.PolicyDistillation;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * Behaviour cloning, the imitation floor every table of this family reports: maximum likelihood
 * of the expert's actions, min_θ L(θ) = −(1/N) Σ_t log π_θ(a_t|o_t) over the N expert rows
 * (Pomerleau 1991; Ross &amp; Bagnell 2010 for why it is only a floor: its errors compound along
 * the policy's own trajectories, which it never sees). It reads only (o_t, a_t), so a
 * trajectory's last row without a successor counts like any other.
 *
 * <p>The policy is the network the PPO-based methods train: a {@code CategoricalPolicy} (softmax
 * of MLP logits) for discrete actions, a {@code GaussianPolicy} (MLP mean, state-independent
 * log σ) for continuous ones, built as {@code core.pg.Networks.policy} builds it
 * ({@link #initialPolicy}). With no hidden layer and one-hot observations the logits of each
 * state are free parameters, so the minimum is the empirical action frequency of each visited
 * state, p̂(a|s) = n(s, a) / n(s), and L at the minimum is the empirical conditional entropy
 * Ĥ(A|S) = −(1/N) Σ_t log p̂(a_t|s_t); with a linear Gaussian mean the minimising mean is the
 * least-squares fit of the actions on the observations. The tests pin both.
 *
 * <p><b>Steps</b> (one iteration = one epoch e = 1..E):
 * <ol>
 *   <li>shuffle the rows (stream 2 of {@code Rng(seed)});</li>
 *   <li>for each minibatch B of the shuffle: one Adam step on −(1/|B|) Σ_{t∈B} log π_θ(a_t|o_t),
 *       the log-probability from {@code Policy.evaluate}, by core's
 *       {@code PolicyDistillation.nllStep};</li>
 *   <li>report {@value Metrics#BC_NLL}, L(θ) over all N rows after the epoch, and, for discrete
 *       actions, {@value Metrics#BC_ACCURACY}, the fraction of rows whose action is π_θ's mode
 *       (the lowest index among ties).</li>
 * </ol>
 * A loss, gradient or {@value Metrics#BC_NLL} that is NaN or infinite throws an
 * {@link ArithmeticException} naming the epoch and the quantity ({@code bc epoch 3: minibatch
 * loss is NaN}); the epochs reported before it have reached the caller's listener. After
 * warm-up an epoch allocates nothing (the tape's pooled tensors, the row scratch, the leaf and
 * gradient lists, the evaluation holder and the distribution are reused;
 * {@code BehaviourCloningAllocationTest}).
 */
public final class BehaviourCloning {

  /** The algorithm's name in provenances, {@code bc}. */
  public static final String ALGORITHM = "bc";
  /** The keys {@code train} reports ({@value Metrics#BC_ACCURACY} for discrete actions only). */
  public static final List<String> METRICS = List.of(Metrics.BC_NLL, Metrics.BC_ACCURACY);

  /** Rows per forward pass when the loss over all rows is measured. */
  private static final int EVAL_CHUNK = 4096;

  private BehaviourCloning() {
  }

  /**
   * Clones the expert from the network {@link #initialPolicy} builds.
   *
   * @param expert the expert's rows (o_t, a_t). Not modified.
   * @param config the hyperparameters and the seed
   * @param listener receives the metrics of each epoch; null means none
   * @return the trained policy, no reward, E iterations, 0 environment steps
   */
  public static SampledIrlResult<BehaviourCloningConfig> train(Transitions expert,
      BehaviourCloningConfig config, TrainingListener listener) {
    Check.notNull("expert", expert);
    Check.notNull("config", config);
    return train(expert, initialPolicy(expert, config), config, listener);
  }

  /**
   * Clones the expert into a given policy, whose parameters it trains in place (for instance to
   * start an adversarial method from the behaviour-cloned policy). {@code config.hidden()} and
   * {@code config.initLogStd()} are not used then.
   *
   * @param expert the expert's rows (o_t, a_t). Not modified.
   * @param policy π_θ, of the expert's observation and action shapes, with parameters; a
   *     discrete policy's {@code forward} must give its logits, as {@code CategoricalPolicy}'s
   *     does ({@value Metrics#BC_ACCURACY} reads the mode from them). Modified: its parameters
   *     are trained.
   * @param config the hyperparameters and the seed of the shuffles
   * @param listener receives the metrics of each epoch; null means none
   */
  public static SampledIrlResult<BehaviourCloningConfig> train(Transitions expert,
      Policy policy, BehaviourCloningConfig config, TrainingListener listener) {
    Check.notNull("expert", expert);
    Check.notNull("policy", policy);
    Check.notNull("config", config);
    Check.argument(policy.observationDim() == expert.observationDim()
        && policy.actionDim() == expert.actionDim() && policy.discrete() == expert.discrete(),
        "the policy (obs %s, action %s, %s) does not match the expert's rows (%s)",
        policy.observationDim(), policy.actionDim(),
        policy.discrete() ? "discrete" : "continuous", expert);
    Check.argument(!policy.parameters().isEmpty(), "the policy has no parameters to train");
    MetricsRecorder recorder = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(recorder, listener);
    long start = System.nanoTime();
    Learner learner = new Learner(policy, expert, config);
    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      learner.epoch(epoch);
      learner.measure(epoch);
      out.onScalar(epoch, Metrics.BC_NLL, learner.nll);
      if (expert.discrete()) {
        out.onScalar(epoch, Metrics.BC_ACCURACY, learner.accuracy);
      }
      out.onIterationEnd(epoch, (System.nanoTime() - start) * 1e-9);
    }
    return new SampledIrlResult<>(policy, null, config.epochs(), 0L, config, recorder.history(),
        Provenance.of(ALGORITHM, config, config.seed()));
  }

  /**
   * The untrained policy {@code train} starts from: for discrete actions
   * {@code CategoricalPolicy.mlp(obsDim, hidden, A, rng)}, else
   * {@code GaussianPolicy.mlp(obsDim, hidden, actionDim, initLogStd, rng)}, rng = stream 0 of
   * {@code Rng(seed)}: the network {@code Networks.defaultPolicy(sampler, hidden, initLogStd,
   * seed)} builds for a sampler of the same spaces, weight for weight.
   *
   * @param expert gives the observation and action shapes. Not modified.
   */
  public static Policy initialPolicy(Transitions expert, BehaviourCloningConfig config) {
    Check.notNull("expert", expert);
    Check.notNull("config", config);
    int[] h = Ints.toArray(config.hidden());
    Rng rng = new Rng(config.seed()).fork(0);
    return expert.discrete()
        ? CategoricalPolicy.mlp(expert.observationDim(), h, expert.numActions(), rng)
        : GaussianPolicy.mlp(expert.observationDim(), h, expert.actionDim(),
            config.initLogStd(), rng);
  }

  /**
   * The optimisation state of one fit: Adam, the shuffle stream and reused scratch. After the
   * first epoch, {@link #epoch} and {@link #measure} allocate nothing (pinned by
   * {@code BehaviourCloningAllocationTest}).
   */
  static final class Learner {
    private final Policy policy;
    private final Transitions expert;
    private final BehaviourCloningConfig config;
    private final Rng shuffleRng;
    private final PolicyDistillation fit;
    private final Tape tape = new Tape();
    private final List<Tensor> leaves = new ArrayList<>();
    private final Policy.Evaluation evaluation = new Policy.Evaluation(null, null);
    private final int[] perm;
    private final int obsDim;
    private final int actionDim;
    private final boolean discrete;
    // row scratch; action-index arrays by length (a full minibatch, the last one, the
    // measuring chunks: at most four lengths), as tape.gather takes exactly one per row
    private final DMatrixRMaj obs = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj actions = new DMatrixRMaj(1, 1);
    private final List<int[]> indexArrays = new ArrayList<>();
    private Categorical measured;
    /** {@value Metrics#BC_NLL} after the last {@link #measure}. */
    double nll;
    /** {@value Metrics#BC_ACCURACY} after the last {@link #measure} (NaN if continuous). */
    double accuracy;

    Learner(Policy policy, Transitions expert, BehaviourCloningConfig config) {
      this.policy = policy;
      this.expert = expert;
      this.config = config;
      this.shuffleRng = new Rng(config.seed()).fork(2);
      this.fit = new PolicyDistillation(policy,
          Adam.Config.defaults().withLearningRate(config.learningRate()), ALGORITHM + " epoch");
      this.perm = new int[expert.size()];
      this.obsDim = expert.observationDim();
      this.actionDim = expert.actionDim();
      this.discrete = expert.discrete();
    }

    /** Steps 1 and 2: one shuffled pass of minibatch Adam steps. */
    void epoch(int epoch) {
      int n = perm.length;
      for (int i = 0; i < n; i++) {
        perm[i] = i;
      }
      shuffleRng.shuffle(perm);
      int mb = Math.min(config.minibatchSize(), n);
      for (int lo = 0; lo < n; lo += mb) {
        int hi = Math.min(n, lo + mb);
        step(epoch, gather(lo, hi));
      }
    }

    /** Copies rows perm[lo..hi) into the scratch; returns their actions (null if continuous). */
    private int[] gather(int lo, int hi) {
      int m = hi - lo;
      obs.reshape(m, obsDim);
      actions.reshape(m, actionDim);
      int[] idx = discrete ? indices(m) : null;
      double[] o = expert.observations();
      double[] a = expert.actions();
      int[] ai = expert.actionIndices();
      for (int k = 0; k < m; k++) {
        int src = perm[lo + k];
        System.arraycopy(o, src * obsDim, obs.data, k * obsDim, obsDim);
        System.arraycopy(a, src * actionDim, actions.data, k * actionDim, actionDim);
        if (discrete) {
          idx[k] = ai[src];
        }
      }
      return idx;
    }

    /** One Adam step on −(1/m) Σ log π_θ(a|o) over the scratch minibatch (core's kernel). */
    private void step(int epoch, int[] idx) {
      fit.nllStep(obs, discrete ? null : actions, idx, epoch);
    }

    /** Step 3: L(θ) and the mode's accuracy over all rows, in chunks. */
    void measure(int epoch) {
      int n = perm.length;
      double sum = 0;
      int hits = 0;
      for (int lo = 0; lo < n; lo += EVAL_CHUNK) {
        int hi = Math.min(n, lo + EVAL_CHUNK);
        int[] idx = discrete ? indices(hi - lo) : null;
        gatherInto(lo, hi, idx);
        tape.reset();
        policy.bind(tape, leaves);
        Tensor x = tape.constant(obs);
        double[] logp;
        if (discrete) {
          Tensor logits = policy.forward(tape, x, leaves, 0);
          measured = measured == null ? new Categorical(tape, logits)
              : measured.set(tape, logits);
          logp = measured.logProb(idx).value().data;
          for (int k = 0; k < idx.length; k++) {
            hits += measured.mode(k) == idx[k] ? 1 : 0;
          }
        } else {
          logp = policy.evaluate(tape, x, leaves, actions, null, evaluation).logProb().value()
              .data;
        }
        for (int k = 0; k < hi - lo; k++) {
          sum -= logp[k];
        }
        tape.reset();
      }
      nll = requireFinite(epoch, Metrics.BC_NLL, sum / n);
      accuracy = discrete ? (double) hits / n : Double.NaN;
    }

    /** A kept index array of length m. */
    private int[] indices(int m) {
      for (int i = 0, n = indexArrays.size(); i < n; i++) {
        if (indexArrays.get(i).length == m) {
          return indexArrays.get(i);
        }
      }
      int[] a = new int[m];
      indexArrays.add(a);
      return a;
    }

    private void gatherInto(int lo, int hi, int[] idx) {
      int m = hi - lo;
      obs.reshape(m, obsDim);
      actions.reshape(m, actionDim);
      System.arraycopy(expert.observations(), lo * obsDim, obs.data, 0, m * obsDim);
      System.arraycopy(expert.actions(), lo * actionDim, actions.data, 0, m * actionDim);
      if (idx != null) {
        System.arraycopy(expert.actionIndices(), lo, idx, 0, m);
      }
    }

    private static double requireFinite(int epoch, String quantity, double x) {
      if (!Double.isFinite(x)) {
        throw new ArithmeticException(ALGORITHM + " epoch " + epoch + ": " + quantity + " is "
            + x);
      }
      return x;
    }
  }
}
