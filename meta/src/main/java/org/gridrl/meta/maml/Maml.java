package org.gridrl.meta.maml;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.optim.TrustRegion;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.GaussianPolicy;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * MAML for reinforcement learning (Finn, Abbeel &amp; Levine 2017, "Model-agnostic
 * meta-learning for fast adaptation of deep networks", Algorithm 3):
 * max_θ E_{T~p(T)} J_T(θ'_T), θ'_T = θ + α ∇_θ J_T(θ), where each J is the REINFORCE surrogate
 * on a batch B of that task, J_B(θ) = (1/|B|) Σ_{t∈B} log π_θ(a_t|s_t) Â_t (Â constants: the
 * discounted reward-to-go minus the linear feature baseline, standardised; see
 * {@link MamlBatch#of}). For one task with inner batch B_tr (sampled with π_θ) and post-update
 * batch B_val (sampled with π_θ'), the meta-objective and its exact gradient are
 * <pre>
 *   F(θ) = J_val(θ + α ∇J_tr(θ)),
 *   ∇F(θ) = (I + α H_tr(θ)) ∇J_val(θ'),   H_tr = ∇²J_tr(θ),
 * </pre>
 * computed by reverse mode through the recorded inner gradient ({@code Tape.grad} with
 * {@code createGraph = true}); {@code firstOrder} drops α H_tr ∇J_val(θ') (first-order MAML:
 * the inner gradients are constants, ∇F ≈ ∇J_val(θ')). As in the authors' code
 * (cbfinn/maml_rl {@code sandbox/rocky/tf/algos/maml_npo.py}), the batches are fixed samples:
 * the dependence of B_val's distribution on θ is not differentiated. With several inner steps
 * the chain θ → θ₁ → … → θ_k is differentiated the same way, each step on its own batch.
 *
 * <p>Each iteration ({@link #train}): (1) draw {@code metaBatchSize} tasks T_i ~ p(T); (2) for
 * each task, on {@code threads} threads: sample B_tr with π_θ, take the inner step(s)
 * ({@link #innerStep}), sample B_val with π_θ', and compute F_i and ∇F_i
 * ({@link #metaGradient}); (3) sum the ∇F_i in task order (so the result is the same on any
 * number of threads) and take one outer step: Adam on −(1/n) Σ_i F_i
 * ({@link MamlConfig.Outer#ADAM}, the default), or the reference's TRPO step
 * ({@link MamlConfig.Outer#TRPO}, below).
 *
 * <p><b>The TRPO outer step</b> (cbfinn/maml_rl {@code MAMLTRPO}: {@code maml_npo.py} on
 * rllab's {@code ConjugateGradientOptimizer}, through {@code core.optim.TrustRegion}):
 * <pre>
 *   max_θ L(θ) = (1/n) Σ_i (1/m_i) Σ_{t∈B_val,i} [π_{θ'_i(θ)}(a_t|s_t) / π_{θ'_i,old}(a_t|s_t)] Â_t
 *   s.t. D(θ) = (1/M) Σ_i Σ_{t∈B_val,i} KL(π_{θ'_i,old}(·|s_t) ‖ π_{θ'_i(θ)}(·|s_t)) ≤ δ,
 * </pre>
 * θ'_i(θ) the inner step(s) from θ on the fixed inner batches, θ'_i,old the post-update
 * parameters that sampled B_val,i, M = Σ_i m_i (the reference concatenates the per-step KLs
 * of all tasks before averaging, and averages the surrogate per task). ∇L(θ_old) = (1/n) Σ_i ∇F_i,
 * the meta-gradient above; the direction s = (H + λI)⁻¹ ∇L by conjugate gradient, with
 * H v = ∇²D(θ_old) v computed exactly through the inner step by reverse mode over the recorded
 * gradients ({@link #klHessianVectorProduct}; the reference's default is rllab's
 * {@code FiniteDifferenceHvp}, see docs/algorithms/meta.md); then the backtracking line search
 * on (L, D) from {@link #surrogateAndKl}. All per-task products run on the workers and are
 * summed in task order.
 *
 * <p>At test time {@link #adapt} takes plain gradient steps from the meta-trained θ, the first
 * of size α and the later ones of size α·{@code laterTestStepScale}, and reports the mean return
 * of a batch sampled before each step and after the last. The meta-trained parameters are the
 * policy's; save and load them with {@code core.nn.ParameterIo}.
 *
 * <p>Logged metrics per iteration ({@link #METRICS}): {@value #PRE_UPDATE_RETURN},
 * {@value #POST_UPDATE_RETURN}, {@value #META_OBJECTIVE} (mean F_i), {@value #META_GRAD_NORM}
 * (‖(1/n) Σ ∇F_i‖₂) and {@value #STEPS}.
 */
public final class Maml {

  /** The algorithm's name in provenance. */
  public static final String NAME = "maml";
  /** Mean episode return of the tasks' first inner batches (sampled with θ). */
  public static final String PRE_UPDATE_RETURN = "maml/pre_update_return";
  /** Mean episode return of the post-update batches (sampled with θ'). */
  public static final String POST_UPDATE_RETURN = "maml/post_update_return";
  /** Mean over the tasks of F_i = J_val(θ'_i). */
  public static final String META_OBJECTIVE = "maml/meta_objective";
  /** Euclidean norm of the meta-gradient (1/n) Σ_i ∇F_i. */
  public static final String META_GRAD_NORM = "maml/meta_grad_norm";
  /** Environment steps so far. */
  public static final String STEPS = "maml/steps";
  /** The metrics {@link #train} reports with the Adam outer step, in order. */
  public static final List<String> METRICS = List.of(PRE_UPDATE_RETURN, POST_UPDATE_RETURN,
      META_OBJECTIVE, META_GRAD_NORM, STEPS);
  /** TRPO: the mean KL D(θ_new) after the outer step (0 when it was rejected). */
  public static final String MEAN_KL = "maml/mean_kl";
  /** TRPO: L(θ_new) − L(θ_old) of the likelihood-ratio surrogate (0 when rejected). */
  public static final String SURROGATE_GAIN = "maml/surrogate_gain";
  /** TRPO: the accepted fraction ρ^k of the full step β s, 0 when the step was rejected. */
  public static final String STEP_FRACTION = "maml/step_fraction";
  /** TRPO: the conjugate-gradient products (H + λI)v the step's direction took. */
  public static final String CG_ITERATIONS = "maml/cg_iterations";
  /** The metrics {@link #train} reports with the TRPO outer step, in order. */
  public static final List<String> TRPO_METRICS = List.of(PRE_UPDATE_RETURN, POST_UPDATE_RETURN,
      META_OBJECTIVE, META_GRAD_NORM, MEAN_KL, SURROGATE_GAIN, STEP_FRACTION, CG_ITERATIONS,
      STEPS);

  private Maml() {}

  /**
   * What {@link #adapt} measured.
   *
   * @param parameters θ_0 = θ, θ_1, …, θ_k (copies)
   * @param returns mean episode return of the batch sampled with θ_j, j = 0..k
   * @param environmentSteps steps sampled
   */
  public record Adaptation(List<List<DMatrixRMaj>> parameters, double[] returns,
      long environmentSteps) {}

  // ------------------------------------------------------------------ the maths

  /**
   * J_B(θ) = (1/m) Σ_i log π_θ(a_i|s_i) Â_i on the tape.
   *
   * @param params θ as tensors, in {@code policy.parameters()} order
   * @return the 1 × 1 surrogate
   */
  public static Tensor surrogate(Tape tape, Policy policy, List<Tensor> params, MamlBatch batch) {
    Policy.Evaluation ev = policy.evaluate(tape, tape.constant(batch.observations()), params,
        batch.actions(), batch.actionIndices());
    return tape.mean(tape.mul(ev.logProb(), tape.constant(batch.advantages())));
  }

  /**
   * θ_k on the tape after the inner steps θ_{j+1} = θ_j + α ∇J_{B_j}(θ_j), one per batch.
   *
   * @param theta θ_0 as tensors
   * @param createGraph true to record the inner gradients (second order); false makes them
   *     constants (first order)
   */
  public static List<Tensor> adaptedParameters(Tape tape, Policy policy, List<Tensor> theta,
      List<MamlBatch> inner, double alpha, boolean createGraph) {
    List<Tensor> cur = theta;
    for (MamlBatch b : inner) {
      List<Tensor> g = tape.grad(surrogate(tape, policy, cur, b), cur, createGraph);
      List<Tensor> next = new ArrayList<>(cur.size());
      for (int j = 0; j < cur.size(); j++) {
        next.add(tape.add(cur.get(j), tape.mul(g.get(j), alpha)));
      }
      cur = next;
    }
    return cur;
  }

  /**
   * The post-update objective of one task and its meta-gradient from fixed batches:
   * F(θ) = J_val(θ_k) with θ_k = the inner steps of {@link #adaptedParameters} from θ, and
   * ∇F(θ) (exact second order), or ∇_{θ_k} J_val(θ_k) when {@code firstOrder}. A pure function
   * of its arguments.
   *
   * @param policy the architecture; only its functional forward is used. Not modified.
   * @param theta θ, in {@code policy.parameters()} order. Not modified.
   * @param inner the inner batches B_0..B_{k−1}, k ≥ 0
   * @param outer the post-update batch B_val
   * @param alpha α
   * @param tape scratch. Reset.
   * @param out the gradient, one matrix per parameter, reshaped. Modified.
   * @return F(θ)
   */
  public static double metaGradient(Policy policy, List<DMatrixRMaj> theta,
      List<MamlBatch> inner, MamlBatch outer, double alpha, boolean firstOrder, Tape tape,
      List<DMatrixRMaj> out) {
    Check.argument(out.size() == theta.size(), "out must hold %s matrices, got %s",
        theta.size(), out.size());
    tape.reset();
    List<Tensor> th = new ArrayList<>(theta.size());
    for (DMatrixRMaj p : theta) {
      th.add(tape.parameter(p));
    }
    Tensor f = surrogate(tape, policy,
        adaptedParameters(tape, policy, th, inner, alpha, !firstOrder), outer);
    double value = f.item();
    List<Tensor> g = tape.grad(f, th, false);
    for (int j = 0; j < theta.size(); j++) {
      out.get(j).setTo(g.get(j).value());
    }
    return value;
  }

  /**
   * One plain inner step θ' = θ + α ∇J_B(θ), on values.
   *
   * @param theta θ. Not modified unless it is {@code out}.
   * @param tape scratch. Reset.
   * @param out θ', reshaped; may be {@code theta}. Modified.
   * @return J_B(θ)
   */
  public static double innerStep(Policy policy, List<DMatrixRMaj> theta, MamlBatch batch,
      double alpha, Tape tape, List<DMatrixRMaj> out) {
    tape.reset();
    List<Tensor> th = new ArrayList<>(theta.size());
    for (DMatrixRMaj p : theta) {
      th.add(tape.parameter(p));
    }
    Tensor j = surrogate(tape, policy, th, batch);
    List<Tensor> g = tape.grad(j, th, false);
    for (int k = 0; k < theta.size(); k++) {
      DMatrixRMaj gk = g.get(k).value();
      DMatrixRMaj t = theta.get(k);
      DMatrixRMaj o = out.get(k);
      o.reshape(t.numRows, t.numCols);
      for (int i = 0, n = t.getNumElements(); i < n; i++) {
        o.data[i] = t.data[i] + alpha * gk.data[i];
      }
    }
    return j.item();
  }

  // ------------------------------------------------------------------ the TRPO outer step

  /**
   * KL_B = (1/m) Σ_i KL(π_old(·|s_i) ‖ π_θ(·|s_i)) over B's observations on the tape (rllab's
   * {@code dist.kl_sym(old, new)}), for a {@link GaussianPolicy} or a {@link CategoricalPolicy}.
   *
   * @param params θ as tensors
   * @param old the old parameters as tensors (constants: no gradient flows into them)
   * @return the 1 × 1 mean KL
   * @throws IllegalArgumentException for another kind of policy
   */
  public static Tensor meanKl(Tape tape, Policy policy, List<Tensor> params, List<Tensor> old,
      MamlBatch batch) {
    Tensor obs = tape.constant(batch.observations());
    if (policy instanceof GaussianPolicy g) {
      return tape.mean(g.distribution(tape, obs, old).kl(g.distribution(tape, obs, params)));
    }
    if (policy instanceof CategoricalPolicy c) {
      return tape.mean(c.distribution(tape, obs, old).kl(c.distribution(tape, obs, params)));
    }
    throw new IllegalArgumentException("the TRPO outer step needs a GaussianPolicy or a "
        + "CategoricalPolicy for its KL, got " + policy.getClass().getName());
  }

  /**
   * L_B(θ) = (1/m) Σ_i [π_θ(a_i|s_i) / π_old(a_i|s_i)] Â_i on the tape, the reference's
   * likelihood-ratio surrogate ({@code dist.likelihood_ratio_sym}); its gradient at θ = old is
   * ∇J_B.
   */
  public static Tensor likelihoodRatioSurrogate(Tape tape, Policy policy, List<Tensor> params,
      List<Tensor> old, MamlBatch batch) {
    Tensor obs = tape.constant(batch.observations());
    Tensor logOld = policy.evaluate(tape, obs, old, batch.actions(), batch.actionIndices())
        .logProb();
    Tensor logNew = policy.evaluate(tape, obs, params, batch.actions(), batch.actionIndices())
        .logProb();
    return tape.mean(tape.mul(tape.exp(tape.sub(logNew, logOld)),
        tape.constant(batch.advantages())));
  }

  private static List<Tensor> leaves(Tape tape, List<DMatrixRMaj> xs, boolean parameter) {
    List<Tensor> out = new ArrayList<>(xs.size());
    for (DMatrixRMaj x : xs) {
      out.add(parameter ? tape.parameter(x) : tape.constant(x));
    }
    return out;
  }

  /**
   * One task's mean-KL Hessian-vector product through the inner step(s):
   * D(θ) = KL_val(θ'_old ‖ θ_k(θ)) with θ_k the inner steps of {@link #adaptedParameters} from
   * θ on fixed batches, and out = ∇²D(θ) v = ∇_θ (∇_θ D(θ) · v), computed exactly by reverse
   * mode over the recorded gradient (third order in the policy: θ_k holds ∇J_tr, ∇D holds its
   * derivative, and H v one more). With {@code firstOrder} the inner gradients are constants,
   * as in the first-order meta-gradient, and H is the KL's Hessian at θ_k. A pure function.
   *
   * @param theta θ. Not modified.
   * @param oldAdapted θ'_old, the post-update parameters that sampled {@code outer}. Not
   *     modified.
   * @param v the direction, shaped as θ. Not modified.
   * @param tape scratch. Reset.
   * @param out H v, one matrix per parameter, reshaped. Modified.
   * @return D(θ)
   */
  public static double klHessianVectorProduct(Policy policy, List<DMatrixRMaj> theta,
      List<MamlBatch> inner, MamlBatch outer, List<DMatrixRMaj> oldAdapted, double alpha,
      boolean firstOrder, List<DMatrixRMaj> v, Tape tape, List<DMatrixRMaj> out) {
    Check.argument(out.size() == theta.size() && v.size() == theta.size(),
        "v and out must hold %s matrices, got %s and %s", theta.size(), v.size(), out.size());
    tape.reset();
    List<Tensor> th = leaves(tape, theta, true);
    List<Tensor> adapted = adaptedParameters(tape, policy, th, inner, alpha, !firstOrder);
    Tensor kl = meanKl(tape, policy, adapted, leaves(tape, oldAdapted, false), outer);
    double value = kl.item();
    List<Tensor> g = tape.grad(kl, th, true);
    Tensor gv = null;
    for (int j = 0; j < th.size(); j++) {
      Tensor term = tape.sum(tape.mul(g.get(j), tape.constant(v.get(j))));
      gv = gv == null ? term : tape.add(gv, term);
    }
    List<Tensor> hv = tape.grad(gv, th, false);
    for (int j = 0; j < theta.size(); j++) {
      out.get(j).setTo(hv.get(j).value());
    }
    return value;
  }

  /**
   * One task's likelihood-ratio surrogate and mean KL at θ, both after the inner step(s) from
   * θ on fixed batches: out[0] = L_val(θ_k(θ)) against π_old = π_{θ'_old}, out[1] =
   * KL_val(θ'_old ‖ θ_k(θ)). A pure function.
   *
   * @param tape scratch. Reset.
   * @param out the two numbers. Modified.
   */
  public static void surrogateAndKl(Policy policy, List<DMatrixRMaj> theta,
      List<MamlBatch> inner, MamlBatch outer, List<DMatrixRMaj> oldAdapted, double alpha,
      Tape tape, double[] out) {
    tape.reset();
    List<Tensor> th = leaves(tape, theta, true);
    List<Tensor> adapted = adaptedParameters(tape, policy, th, inner, alpha, false);
    List<Tensor> old = leaves(tape, oldAdapted, false);
    out[0] = likelihoodRatioSurrogate(tape, policy, adapted, old, outer).item();
    out[1] = meanKl(tape, policy, adapted, old, outer).item();
  }

  /**
   * One TRPO outer step on fixed batches, on this thread: the step {@link #train} takes with
   * {@link MamlConfig.Outer#TRPO} (see the class comment), from θ'_i and ∇F_i computed here.
   *
   * @param theta θ. Modified: the accepted point, or as it was when the step is rejected.
   * @param inner per task, its inner batches
   * @param outer per task, its post-update batch (sampled with θ'_i, the inner steps from θ)
   * @param config α, first order or not, and the trust-region settings
   * @return what the trust-region step did
   */
  public static TrustRegion.Step trustRegionStep(Policy policy, List<DMatrixRMaj> theta,
      List<List<MamlBatch>> inner, List<MamlBatch> outer, MamlConfig config) {
    Check.argument(inner.size() == outer.size() && !outer.isEmpty(),
        "inner and outer must hold one entry per task, got %s and %s", inner.size(),
        outer.size());
    int n = outer.size();
    Tape tape = new Tape();
    TaskOutcome[] outcomes = new TaskOutcome[n];
    List<DMatrixRMaj> step = zerosLike(theta);
    for (int i = 0; i < n; i++) {
      TaskOutcome o = new TaskOutcome(zerosLike(theta));
      List<DMatrixRMaj> cur = copies(theta);
      for (MamlBatch b : inner.get(i)) {
        innerStep(policy, cur, b, config.innerStepSize(), tape, cur);
      }
      o.keep(inner.get(i), outer.get(i), cur);
      metaGradient(policy, theta, inner.get(i), outer.get(i), config.innerStepSize(),
          config.firstOrder(), tape, o.gradient);
      addTo(step, o.gradient);
      outcomes[i] = o;
    }
    for (DMatrixRMaj m : step) {
      for (int k = 0; k < m.getNumElements(); k++) {
        m.data[k] = m.data[k] / n;
      }
    }
    @SuppressWarnings("unchecked")
    Worker<Object, Object>[] one = new Worker[] {new Worker<>(policy)};
    return trpoStep(null, one, outcomes, theta, step, config);
  }

  /**
   * The TRPO outer step of {@link #train}: g = (1/n) Σ ∇F_i (the gradient of the mean
   * likelihood-ratio surrogate at θ), H v = Σ_i (m_i/M) H_i v with H_i from
   * {@link #klHessianVectorProduct} (the reference averages the KL over all M = Σ m_i
   * post-update steps), L = (1/n) Σ_i L_i and D = Σ_i (m_i/M) D_i from {@link #surrogateAndKl};
   * every per-task product on the workers, summed in task order.
   */
  private static <O, A> TrustRegion.Step trpoStep(ExecutorService pool, Worker<O, A>[] workers,
      TaskOutcome[] outcomes, List<DMatrixRMaj> theta, List<DMatrixRMaj> gradient,
      MamlConfig config) {
    int n = outcomes.length;
    double total = 0;
    for (TaskOutcome o : outcomes) {
      total += o.outer.size();
    }
    double[] weight = new double[n];
    for (int i = 0; i < n; i++) {
      weight[i] = outcomes[i].outer.size() / total;
    }
    List<DMatrixRMaj> v = zerosLike(theta);
    List<DMatrixRMaj> candidate = zerosLike(theta);
    double alpha = config.innerStepSize();
    TrustRegion.Problem problem = new TrustRegion.Problem() {
      @Override
      public void hessianVectorProduct(double[] x, double[] out) {
        TrustRegion.unflatten(x, v);
        runTasks(pool, workers, n, (w, i) -> {
          TaskOutcome o = outcomes[i];
          klHessianVectorProduct(w.policy, theta, o.inner, o.outer, o.adapted, alpha,
              config.firstOrder(), v, w.tape, o.scratch);
        });
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < n; i++) {
          accumulate(outcomes[i].scratch, weight[i], out);
        }
      }

      @Override
      public void evaluate(double[] x, double[] out) {
        TrustRegion.unflatten(x, candidate);
        runTasks(pool, workers, n, (w, i) -> {
          TaskOutcome o = outcomes[i];
          surrogateAndKl(w.policy, candidate, o.inner, o.outer, o.adapted, alpha, w.tape,
              o.trial);
        });
        out[0] = 0;
        out[1] = 0;
        for (int i = 0; i < n; i++) {
          out[0] += outcomes[i].trial[0] / n;
          out[1] += weight[i] * outcomes[i].trial[1];
        }
      }
    };
    double[] x = TrustRegion.flatten(theta);
    TrustRegion.Step st =
        TrustRegion.step(problem, TrustRegion.flatten(gradient), config.trustRegion(), x);
    TrustRegion.unflatten(x, theta);
    return st;
  }

  /** out[k..] += w · xs, flattened in order. */
  private static void accumulate(List<DMatrixRMaj> xs, double w, double[] out) {
    int k = 0;
    for (DMatrixRMaj m : xs) {
      for (int e = 0, size = m.getNumElements(); e < size; e++) {
        out[k++] += w * m.data[e];
      }
    }
  }

  private static void addTo(List<DMatrixRMaj> sum, List<DMatrixRMaj> xs) {
    for (int j = 0; j < sum.size(); j++) {
      double[] s = sum.get(j).data;
      double[] x = xs.get(j).data;
      for (int k = 0; k < s.length; k++) {
        s[k] += x[k];
      }
    }
  }

  // ------------------------------------------------------------------ training

  /**
   * Meta-trains a new policy {@code newPolicy.apply(new Rng(seed).fork(0))} on tasks of
   * {@code tasks}. {@code newPolicy} is also called (with other streams) for each thread's
   * working copy, whose values are then overwritten, so it must build the same architecture
   * every time.
   *
   * @param listener receives {@link #METRICS} every iteration (null for none)
   * @throws ArithmeticException if the meta-gradient is NaN or infinite
   */
  public static <T, O, A> MamlResult train(MamlTasks<T, O, A> tasks,
      Function<Rng, ? extends Policy> newPolicy, MamlConfig config,
      TrainingListener listener) {
    return train(tasks, newPolicy, config, listener, null);
  }

  /**
   * {@link #train(MamlTasks, Function, MamlConfig, TrainingListener)} that hands the policy
   * being meta-trained, θ after the outer step, to {@code afterIteration} after every iteration
   * (after the listener's {@code onIterationEnd}), e.g. to test it on held-out tasks as
   * training goes. The callback may change the policy's parameters only if it restores them
   * (as {@link #adapt} does); it runs on the calling thread and leaves the training's numbers
   * unchanged.
   *
   * @param afterIteration receives (the policy, iteration 1..N); null for none
   * @throws ArithmeticException if the meta-gradient is NaN or infinite
   */
  public static <T, O, A> MamlResult train(MamlTasks<T, O, A> tasks,
      Function<Rng, ? extends Policy> newPolicy, MamlConfig config,
      TrainingListener listener, ObjIntConsumer<Policy> afterIteration) {
    Check.notNull("tasks", tasks);
    Check.notNull("newPolicy", newPolicy);
    Check.notNull("config", config);
    Rng root = new Rng(config.seed());
    Policy policy = newPolicy.apply(root.fork(0));
    Rng taskRng = root.fork(1);
    Rng sampleRoot = root.fork(2);
    List<DMatrixRMaj> theta = policy.parameterValues();
    int n = config.metaBatchSize();
    int threads = Math.min(config.threads(), n);
    Worker<O, A>[] workers = newWorkers(threads, newPolicy, theta);
    TaskOutcome[] outcomes = new TaskOutcome[n];
    for (int i = 0; i < n; i++) {
      outcomes[i] = new TaskOutcome(zerosLike(theta));
    }
    List<DMatrixRMaj> step = zerosLike(theta);
    Adam adam = new Adam(theta,
        Adam.Config.defaults().withLearningRate(config.outerLearningRate()));
    MetricsRecorder recorder = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(recorder, listener);
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    long steps = 0;
    double lastPost = Double.NaN;
    long start = System.nanoTime();
    try {
      for (int it = 1; it <= config.iterations(); it++) {
        // 1. tasks T_i ~ p(T), drawn in order on this thread
        List<T> batchTasks = tasks.distribution().sample(n, taskRng);
        long[] seeds = new long[n];
        for (int i = 0; i < n; i++) {
          seeds[i] = sampleRoot.fork((long) (it - 1) * n + i).seed();
        }
        // 2. per task: inner batch(es), inner step(s), post-update batch, F_i and ∇F_i
        runTasks(pool, workers, n, (w, i) -> w.metaTrain(tasks, batchTasks.get(i), seeds[i],
            theta, config, outcomes[i]));
        // 3. the mean of the ∇F_i, summed in task order, and one Adam step on −mean F_i
        double pre = 0;
        double post = 0;
        double objective = 0;
        for (int j = 0; j < theta.size(); j++) {
          step.get(j).zero();
        }
        for (int i = 0; i < n; i++) {
          TaskOutcome o = outcomes[i];
          pre += o.preReturn;
          post += o.postReturn;
          objective += o.objective;
          steps += o.steps;
          for (int j = 0; j < theta.size(); j++) {
            double[] s = step.get(j).data;
            double[] g = o.gradient.get(j).data;
            for (int k = 0; k < s.length; k++) {
              s[k] += g[k];
            }
          }
        }
        double norm2 = 0;
        TrustRegion.Step trpo = null;
        if (config.outer() == MamlConfig.Outer.ADAM) {
          for (DMatrixRMaj s : step) {
            for (int k = 0; k < s.getNumElements(); k++) {
              double mean = s.data[k] / n;
              norm2 += mean * mean;
              s.data[k] = -mean; // Adam minimises −F
            }
          }
          checkFinite(norm2, it);
          adam.step(step);
        } else {
          for (DMatrixRMaj s : step) {
            for (int k = 0; k < s.getNumElements(); k++) {
              double mean = s.data[k] / n;
              norm2 += mean * mean;
              s.data[k] = mean; // TRPO maximises the surrogate
            }
          }
          checkFinite(norm2, it);
          trpo = trpoStep(pool, workers, outcomes, theta, step, config);
        }
        lastPost = post / n;
        out.onScalar(it, PRE_UPDATE_RETURN, pre / n);
        out.onScalar(it, POST_UPDATE_RETURN, lastPost);
        out.onScalar(it, META_OBJECTIVE, objective / n);
        out.onScalar(it, META_GRAD_NORM, Math.sqrt(norm2));
        if (trpo != null) {
          out.onScalar(it, MEAN_KL, trpo.constraint());
          out.onScalar(it, SURROGATE_GAIN, trpo.surrogate() - trpo.surrogateBefore());
          out.onScalar(it, STEP_FRACTION, trpo.fraction());
          out.onScalar(it, CG_ITERATIONS, trpo.cgIterations());
        }
        out.onScalar(it, STEPS, steps);
        out.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
        if (afterIteration != null) {
          afterIteration.accept(policy, it);
        }
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return new MamlResult(policy, config.iterations(), steps, lastPost, recorder.history(),
        Provenance.of(NAME, config, config.seed()));
  }

  // ------------------------------------------------------------------ test time

  /**
   * Adapts {@code policy}'s parameters to one task by {@code steps} plain gradient steps, the
   * j-th of size {@link MamlConfig#testStepSize}(j), each on a batch of
   * {@code config.testEpisodesPerTask()} episodes sampled with the current parameters, and
   * samples one more batch after the last step. The policy's parameters are restored before
   * returning; not thread-safe for one policy.
   *
   * @param policy the meta-trained policy. Its values are changed while sampling, then
   *     restored.
   * @param sampler one environment of the task, seeded by the caller. Modified.
   * @return θ_0..θ_k and the mean return of the batch of each
   */
  public static Adaptation adapt(Policy policy, Sampler<?, ?> sampler, MamlConfig config,
      int steps) {
    Check.nonNegative("steps", steps);
    List<DMatrixRMaj> values = policy.parameterValues();
    List<DMatrixRMaj> saved = copies(values);
    Tape tape = new Tape();
    List<List<DMatrixRMaj>> params = new ArrayList<>();
    double[] returns = new double[steps + 1];
    long n = 0;
    try {
      for (int j = 0; j <= steps; j++) {
        params.add(copies(values));
        Batch b = sampler.collectEpisodes(policy, config.testEpisodesPerTask());
        n += b.size();
        returns[j] = b.meanEpisodeReturn();
        if (j < steps) {
          MamlBatch mb = MamlBatch.of(b, config.gamma(), config.linearBaseline(),
              config.normalizeAdvantages());
          innerStep(policy, values, mb, config.testStepSize(j + 1), tape, values);
        }
      }
    } finally {
      for (int j = 0; j < values.size(); j++) {
        values.get(j).setTo(saved.get(j));
      }
    }
    return new Adaptation(params, returns, n);
  }

  /** {@link #adapt(Policy, Sampler, MamlConfig, int)} with {@code config.testSteps()} steps. */
  public static Adaptation adapt(Policy policy, Sampler<?, ?> sampler, MamlConfig config) {
    return adapt(policy, sampler, config, config.testSteps());
  }

  /**
   * {@link #adapt(Policy, Sampler, MamlConfig, int)} on a new environment of {@code task}
   * whose sampler is seeded with {@code seed}.
   */
  public static <T> Adaptation adapt(Policy policy, MamlTasks<T, ?, ?> tasks, T task,
      MamlConfig config, int steps, long seed) {
    return adapt(policy, tasks.sampler(task, seed), config, steps);
  }

  /**
   * The mean over {@code tasks} of {@link #adapt}'s returns after 0..steps steps, task i's
   * sampler seeded with {@code new Rng(seed).fork(i)}'s seed.
   */
  public static <T> double[] meanAdaptedReturns(Policy policy, MamlTasks<T, ?, ?> family,
      List<T> tasks, MamlConfig config, int steps, long seed) {
    Check.notEmpty("tasks", tasks);
    double[] mean = new double[steps + 1];
    Rng root = new Rng(seed);
    for (int i = 0; i < tasks.size(); i++) {
      double[] r = adapt(policy, family, tasks.get(i), config, steps, root.fork(i).seed())
          .returns();
      for (int j = 0; j <= steps; j++) {
        mean[j] += r[j] / tasks.size();
      }
    }
    return mean;
  }

  // ------------------------------------------------------------------ plumbing

  /** Per-task results of step (2), written by one worker, read after all finished. */
  private static final class TaskOutcome {
    final List<DMatrixRMaj> gradient;
    double preReturn;
    double postReturn;
    double objective;
    long steps;
    // kept for the TRPO outer step: the fixed batches, θ'_i, and per-task scratch
    List<MamlBatch> inner;
    MamlBatch outer;
    List<DMatrixRMaj> adapted;
    List<DMatrixRMaj> scratch;
    final double[] trial = new double[2];

    TaskOutcome(List<DMatrixRMaj> gradient) {
      this.gradient = gradient;
    }

    void keep(List<MamlBatch> innerBatches, MamlBatch outerBatch, List<DMatrixRMaj> thetaK) {
      inner = innerBatches;
      outer = outerBatch;
      if (adapted == null) {
        adapted = copies(thetaK);
        scratch = zerosLike(thetaK);
      } else {
        for (int j = 0; j < thetaK.size(); j++) {
          adapted.get(j).setTo(thetaK.get(j));
        }
      }
    }
  }

  /** One thread's tape and working copy of the policy. */
  private static final class Worker<O, A> {
    final Policy policy;
    final List<DMatrixRMaj> values;
    final Tape tape = new Tape();

    Worker(Policy policy) {
      this.policy = policy;
      this.values = policy.parameterValues();
    }

    <T> void metaTrain(MamlTasks<T, O, A> tasks, T task, long seed, List<DMatrixRMaj> theta,
        MamlConfig config, TaskOutcome out) {
      Sampler<O, A> sampler = tasks.sampler(task, seed);
      for (int j = 0; j < theta.size(); j++) {
        values.get(j).setTo(theta.get(j));
      }
      List<MamlBatch> inner = new ArrayList<>(config.innerSteps());
      long steps = 0;
      for (int k = 0; k < config.innerSteps(); k++) {
        Batch b = sampler.collectEpisodes(policy, config.episodesPerTask());
        steps += b.size();
        if (k == 0) {
          out.preReturn = b.meanEpisodeReturn();
        }
        MamlBatch mb = MamlBatch.of(b, config.gamma(), config.linearBaseline(),
            config.normalizeAdvantages());
        inner.add(mb);
        innerStep(policy, values, mb, config.innerStepSize(), tape, values);
      }
      Batch post = sampler.collectEpisodes(policy, config.episodesPerTask());
      steps += post.size();
      out.postReturn = post.meanEpisodeReturn();
      out.steps = steps;
      MamlBatch outer = MamlBatch.of(post, config.gamma(), config.linearBaseline(),
          config.normalizeAdvantages());
      out.objective = metaGradient(policy, theta, inner, outer, config.innerStepSize(),
          config.firstOrder(), tape, out.gradient);
      if (config.outer() == MamlConfig.Outer.TRPO) {
        out.keep(inner, outer, values);
      }
    }
  }

  @FunctionalInterface
  private interface TaskJob<O, A> {
    void run(Worker<O, A> worker, int task);
  }

  @SuppressWarnings("unchecked")
  private static <O, A> Worker<O, A>[] newWorkers(int threads,
      Function<Rng, ? extends Policy> newPolicy, List<DMatrixRMaj> theta) {
    Worker<O, A>[] workers = new Worker[threads];
    for (int w = 0; w < threads; w++) {
      Policy copy = newPolicy.apply(new Rng(w));
      List<DMatrixRMaj> v = copy.parameterValues();
      Check.argument(v.size() == theta.size(),
          "newPolicy built %s parameters, then %s: it must build one architecture", theta.size(),
          v.size());
      for (int j = 0; j < v.size(); j++) {
        Check.argument(v.get(j).numRows == theta.get(j).numRows
            && v.get(j).numCols == theta.get(j).numCols,
            "newPolicy built parameter %s with different shapes: it must build one architecture",
            j);
      }
      workers[w] = new Worker<>(copy);
    }
    return workers;
  }

  /** Task i runs on worker i mod threads; the outcomes do not depend on the assignment. */
  private static <O, A> void runTasks(ExecutorService pool, Worker<O, A>[] workers, int n,
      TaskJob<O, A> job) {
    int threads = workers.length;
    if (pool == null) {
      for (int i = 0; i < n; i++) {
        job.run(workers[0], i);
      }
      return;
    }
    List<Future<?>> futures = new ArrayList<>(threads);
    for (int w = 0; w < threads; w++) {
      final int worker = w;
      futures.add(pool.submit(() -> {
        for (int i = worker; i < n; i += threads) {
          job.run(workers[worker], i);
        }
      }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while meta-training", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException r) {
          throw r;
        }
        if (c instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(c);
      }
    }
  }

  private static void checkFinite(double norm2, int it) {
    if (!Double.isFinite(norm2)) {
      throw new ArithmeticException("MAML meta-gradient is not finite at iteration " + it);
    }
  }

  private static List<DMatrixRMaj> zerosLike(List<DMatrixRMaj> xs) {
    List<DMatrixRMaj> out = new ArrayList<>(xs.size());
    for (DMatrixRMaj x : xs) {
      out.add(new DMatrixRMaj(x.numRows, x.numCols));
    }
    return out;
  }

  private static List<DMatrixRMaj> copies(List<DMatrixRMaj> xs) {
    List<DMatrixRMaj> out = new ArrayList<>(xs.size());
    for (DMatrixRMaj x : xs) {
      out.add(x.copy());
    }
    return out;
  }

  /** The tasks {@code distribution} draws from {@code new Rng(seed)}: a fixed evaluation set. */
  public static <T> List<T> heldOutTasks(TaskDistribution<T> distribution, int n, long seed) {
    return distribution.sample(n, new Rng(seed));
  }

  // ------------------------------------------------------------------ the joint-training baseline

  /**
   * A pre-trained policy and its training curve.
   *
   * @param policy the trained policy
   * @param curve the mean episode return of each iteration's batches (sampled before the step)
   */
  public record Pretrained(Policy policy, double[] curve) {}

  /**
   * Joint training on random tasks, the baseline MAML is compared with (the reference's
   * {@code use_maml = False} run of cbfinn/maml_rl {@code maml_examples/maml_trpo_point.py}, with
   * Adam as its outer step): θ ← Adam(θ, −(1/n) Σ_i ∇J_{B_i}(θ)) with J_B the REINFORCE surrogate of
   * {@link #surrogate} on a batch B_i of {@code episodesPerTask} episodes of task T_i sampled
   * with π_θ, n = {@code metaBatchSize} tasks per iteration, for {@code iterations} iterations.
   * The tasks, the policy's initialisation and the samplers' seeds are drawn exactly as
   * {@link #train} draws them from the same seed, so its first batches are MAML's first
   * pre-update batches.
   *
   * @param tasks p(T), the environments and the encoder
   * @param newPolicy builds the initial policy from {@code Rng(seed).fork(0)}, as {@link #train}
   * @param config the tasks per iteration, episodes, iterations, γ, baseline and seed (the inner
   *     step settings are unused)
   * @param learningRate the Adam step size, > 0
   */
  public static <T, O, A> Pretrained pretrain(MamlTasks<T, O, A> tasks,
      Function<Rng, ? extends Policy> newPolicy, MamlConfig config, double learningRate) {
    Check.notNull("tasks", tasks);
    Check.positiveFinite("learningRate", learningRate);
    Rng root = new Rng(config.seed());
    Policy policy = newPolicy.apply(root.fork(0));
    Rng taskRng = root.fork(1);
    Rng sampleRoot = root.fork(2);
    List<DMatrixRMaj> theta = policy.parameterValues();
    List<DMatrixRMaj> sum = zerosLike(theta);
    List<DMatrixRMaj> g = zerosLike(theta);
    Adam adam = new Adam(theta, Adam.Config.defaults().withLearningRate(learningRate));
    Tape tape = new Tape();
    int n = config.metaBatchSize();
    double[] curve = new double[config.iterations()];
    for (int it = 1; it <= config.iterations(); it++) {
      List<T> batchTasks = tasks.distribution().sample(n, taskRng);
      for (DMatrixRMaj s : sum) {
        s.zero();
      }
      double ret = 0;
      for (int i = 0; i < n; i++) {
        Sampler<O, A> sampler = tasks.sampler(batchTasks.get(i),
            sampleRoot.fork((long) (it - 1) * n + i).seed());
        Batch b = sampler.collectEpisodes(policy, config.episodesPerTask());
        ret += b.meanEpisodeReturn();
        MamlBatch mb = MamlBatch.of(b, config.gamma(), config.linearBaseline(),
            config.normalizeAdvantages());
        // with no inner batch, the "meta-gradient" is ∇J_B(θ) itself
        Maml.metaGradient(policy, theta, List.of(), mb, config.innerStepSize(), false, tape, g);
        for (int j = 0; j < theta.size(); j++) {
          double[] s = sum.get(j).data;
          double[] gj = g.get(j).data;
          for (int k = 0; k < s.length; k++) {
            s[k] += gj[k];
          }
        }
      }
      for (DMatrixRMaj s : sum) {
        for (int k = 0; k < s.getNumElements(); k++) {
          s.data[k] = -s.data[k] / n; // Adam minimises −J
        }
      }
      adam.step(sum);
      curve[it - 1] = ret / n;
    }
    return new Pretrained(policy, curve);
  }
}
