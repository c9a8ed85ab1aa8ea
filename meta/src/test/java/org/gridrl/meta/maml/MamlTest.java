package org.gridrl.meta.maml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Space;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.nn.ParameterIo;
import org.gridrl.core.optim.TrustRegion;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.GaussianPolicy;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.continuous.Goal;
import org.gridrl.envs.continuous.PointNavigation;
import org.junit.jupiter.api.Test;

/**
 * MAML: the second-order meta-gradient against central finite differences of the post-update
 * objective F(θ) = J_val(θ + α∇J_tr(θ)) on fixed batches, the first-order option against the
 * exact Hessian term α H_tr ∇J_val(θ') (H_tr v by finite differences of ∇J_tr), determinism on
 * 1 and 2 threads, save → load → adapt, and one inner step on a Gaussian bandit with quadratic
 * reward against the closed-form gradient and expected return. The TRPO outer step: the mean
 * KL's Hessian-vector product through the inner step(s) against central differences of the KL
 * gradient, one step on fixed batches keeps the independently measured mean KL within δ and
 * improves the surrogate, the same seed on 1 and 2 threads, and Adam's numbers unchanged.
 */
class MamlTest {

  /**
   * Relative tolerance of a central difference with h = 1e-5 (measured 5e-11 .. 1.2e-9 for the
   * meta-gradient, 4.3e-10 .. 4.1e-9 for the KL's Hessian-vector product).
   */
  private static final double FD_REL = 1e-8;
  private static final double H = 1e-5;

  // ------------------------------------------------------------------ fixtures

  /** A tanh MLP 2 → 3 → 2 Gaussian policy with every parameter O(0.5) (not the tiny init). */
  private static GaussianPolicy tinyGaussian(long seed) {
    GaussianPolicy p = GaussianPolicy.mlp(2, new int[] {3}, 2, -0.3, new Rng(seed));
    randomise(p, new Rng(seed + 100));
    return p;
  }

  /** A tanh MLP 2 → 3 → 3 categorical policy with O(0.5) parameters. */
  private static CategoricalPolicy tinyCategorical(long seed) {
    CategoricalPolicy p = CategoricalPolicy.mlp(2, new int[] {3}, 3, new Rng(seed));
    randomise(p, new Rng(seed + 100));
    return p;
  }

  private static void randomise(Policy p, Rng rng) {
    for (DMatrixRMaj m : p.parameterValues()) {
      for (int i = 0; i < m.getNumElements(); i++) {
        m.data[i] = 0.5 * rng.nextGaussian();
      }
    }
  }

  /** m fixed steps: Gaussian observations, actions and advantages. */
  private static MamlBatch fixedBatch(Policy policy, int m, Rng rng) {
    DMatrixRMaj obs = gaussian(m, policy.observationDim(), rng);
    DMatrixRMaj adv = gaussian(m, 1, rng);
    if (policy.discrete()) {
      int[] idx = new int[m];
      for (int i = 0; i < m; i++) {
        idx[i] = rng.nextInt(((CategoricalPolicy) policy).numActions());
      }
      return new MamlBatch(obs, null, idx, adv);
    }
    return new MamlBatch(obs, gaussian(m, policy.actionDim(), rng), null, adv);
  }

  private static DMatrixRMaj gaussian(int r, int c, Rng rng) {
    DMatrixRMaj m = new DMatrixRMaj(r, c);
    for (int i = 0; i < r * c; i++) {
      m.data[i] = rng.nextGaussian();
    }
    return m;
  }

  private static List<DMatrixRMaj> zerosLike(List<DMatrixRMaj> xs) {
    List<DMatrixRMaj> out = new ArrayList<>();
    for (DMatrixRMaj x : xs) {
      out.add(new DMatrixRMaj(x.numRows, x.numCols));
    }
    return out;
  }

  private static double[] flat(List<DMatrixRMaj> xs) {
    int n = 0;
    for (DMatrixRMaj x : xs) {
      n += x.getNumElements();
    }
    double[] out = new double[n];
    int k = 0;
    for (DMatrixRMaj x : xs) {
      System.arraycopy(x.data, 0, out, k, x.getNumElements());
      k += x.getNumElements();
    }
    return out;
  }

  /** The scalar number k of θ (flattened in parameter order), as a matrix and index. */
  private static void add(List<DMatrixRMaj> theta, int k, double delta) {
    for (DMatrixRMaj x : theta) {
      if (k < x.getNumElements()) {
        x.data[k] += delta;
        return;
      }
      k -= x.getNumElements();
    }
    throw new IndexOutOfBoundsException();
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  private static double distance(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += (x[i] - y[i]) * (x[i] - y[i]);
    }
    return Math.sqrt(s);
  }

  private static double objective(Policy p, List<MamlBatch> inner, MamlBatch outer, double alpha,
      Tape tape) {
    List<DMatrixRMaj> theta = p.parameterValues();
    return Maml.metaGradient(p, theta, inner, outer, alpha, false, tape, zerosLike(theta));
  }

  /** Central differences of F over every scalar of θ (θ restored afterwards). */
  private static double[] finiteDifference(Policy p, List<MamlBatch> inner, MamlBatch outer,
      double alpha) {
    Tape tape = new Tape();
    List<DMatrixRMaj> theta = p.parameterValues();
    double[] fd = new double[p.numScalars()];
    for (int k = 0; k < fd.length; k++) {
      add(theta, k, H);
      double up = objective(p, inner, outer, alpha, tape);
      add(theta, k, -2 * H);
      double down = objective(p, inner, outer, alpha, tape);
      add(theta, k, H);
      fd[k] = (up - down) / (2 * H);
    }
    return fd;
  }

  private static double[] metaGradient(Policy p, List<MamlBatch> inner, MamlBatch outer,
      double alpha, boolean firstOrder) {
    List<DMatrixRMaj> theta = p.parameterValues();
    List<DMatrixRMaj> g = zerosLike(theta);
    Maml.metaGradient(p, theta, inner, outer, alpha, firstOrder, new Tape(), g);
    return flat(g);
  }

  // ------------------------------------------------------------------ the meta-gradient

  @Test
  void metaGradient_secondOrder_gaussian_equalsFiniteDifferenceOfPostUpdateObjective() {
    GaussianPolicy p = tinyGaussian(1);
    Rng rng = new Rng(2);
    List<MamlBatch> inner = List.of(fixedBatch(p, 7, rng));
    MamlBatch outer = fixedBatch(p, 5, rng);
    double[] g = metaGradient(p, inner, outer, 0.3, false);
    double[] fd = finiteDifference(p, inner, outer, 0.3);
    assertThat(norm(g)).isGreaterThan(0.1);
    assertThat(distance(g, fd)).isLessThan(FD_REL * norm(g));
    // and the first-order gradient is not F's derivative: the Hessian term is not small here
    assertThat(distance(metaGradient(p, inner, outer, 0.3, true), fd))
        .isGreaterThan(1e-2 * norm(g));
  }

  @Test
  void metaGradient_secondOrder_categorical_equalsFiniteDifference() {
    CategoricalPolicy p = tinyCategorical(3);
    Rng rng = new Rng(4);
    List<MamlBatch> inner = List.of(fixedBatch(p, 6, rng));
    MamlBatch outer = fixedBatch(p, 6, rng);
    double[] g = metaGradient(p, inner, outer, 0.5, false);
    double[] fd = finiteDifference(p, inner, outer, 0.5);
    assertThat(norm(g)).isGreaterThan(0.1);
    assertThat(distance(g, fd)).isLessThan(FD_REL * norm(g));
  }

  @Test
  void metaGradient_twoInnerSteps_equalsFiniteDifferenceThroughTheChain() {
    GaussianPolicy p = tinyGaussian(5);
    Rng rng = new Rng(6);
    List<MamlBatch> inner = List.of(fixedBatch(p, 5, rng), fixedBatch(p, 4, rng));
    MamlBatch outer = fixedBatch(p, 5, rng);
    double[] g = metaGradient(p, inner, outer, 0.2, false);
    double[] fd = finiteDifference(p, inner, outer, 0.2);
    assertThat(distance(g, fd)).isLessThan(FD_REL * norm(g));
  }

  @Test
  void metaGradient_noInnerStep_isTheSurrogateGradient_scoreFunctionByHand() {
    // one continuous step, 1-D: ∂/∂μ log N(a; μ, σ²) = (a − μ)/σ², ∂/∂log σ = (a − μ)²/σ² − 1
    GaussianPolicy p = GaussianPolicy.mlp(1, new int[0], 1, Math.log(0.5), new Rng(0));
    List<DMatrixRMaj> th = p.parameterValues();
    th.get(0).set(0, 0, 0.2); // w
    th.get(1).set(0, 0, 0.1); // b
    DMatrixRMaj obs = new DMatrixRMaj(new double[][] {{1.5}, {-2.0}});
    DMatrixRMaj act = new DMatrixRMaj(new double[][] {{0.9}, {-0.4}});
    DMatrixRMaj adv = new DMatrixRMaj(new double[][] {{2.0}, {-1.0}});
    MamlBatch b = new MamlBatch(obs, act, null, adv);
    double[] g = metaGradient(p, List.of(), b, 0.3, false);
    double s2 = 0.25;
    double mu0 = 0.2 * 1.5 + 0.1;
    double mu1 = 0.2 * -2.0 + 0.1;
    double z0 = (0.9 - mu0) / s2;
    double z1 = (-0.4 - mu1) / s2;
    double dw = (z0 * 1.5 * 2.0 + z1 * -2.0 * -1.0) / 2;
    double db = (z0 * 2.0 + z1 * -1.0) / 2;
    double dls = ((z0 * z0 * s2 - 1) * 2.0 + (z1 * z1 * s2 - 1) * -1.0) / 2;
    assertThat(g).containsExactly(new double[] {dw, db, dls}, within(1e-12));
  }

  @Test
  void firstOrder_differsFromSecondOrder_byExactlyTheHessianTerm() {
    GaussianPolicy p = tinyGaussian(7);
    Rng rng = new Rng(8);
    double alpha = 0.4;
    MamlBatch tr = fixedBatch(p, 7, rng);
    MamlBatch val = fixedBatch(p, 6, rng);
    double[] second = metaGradient(p, List.of(tr), val, alpha, false);
    double[] first = metaGradient(p, List.of(tr), val, alpha, true);
    // first-order = ∇J_val(θ') with θ' = θ + α∇J_tr(θ), computed independently
    List<DMatrixRMaj> theta = p.parameterValues();
    List<DMatrixRMaj> thetaPrime = zerosLike(theta);
    Maml.innerStep(p, theta, tr, alpha, new Tape(), thetaPrime);
    double[] v = new double[first.length];
    {
      List<DMatrixRMaj> g = zerosLike(theta);
      Maml.metaGradient(p, thetaPrime, List.of(), val, alpha, false, new Tape(), g);
      v = flat(g);
    }
    assertThat(distance(first, v)).isLessThan(1e-12 * norm(v));
    // H_tr v by central differences of ∇J_tr along v
    double eps = 1e-5;
    List<DMatrixRMaj> plus = zerosLike(theta);
    List<DMatrixRMaj> minus = zerosLike(theta);
    for (int j = 0; j < theta.size(); j++) {
      plus.get(j).setTo(theta.get(j));
      minus.get(j).setTo(theta.get(j));
    }
    for (int k = 0; k < v.length; k++) {
      add(plus, k, eps * v[k]);
      add(minus, k, -eps * v[k]);
    }
    double[] gPlus = surrogateGradient(p, plus, tr);
    double[] gMinus = surrogateGradient(p, minus, tr);
    double[] hessianTerm = new double[v.length];
    double[] difference = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      hessianTerm[k] = alpha * (gPlus[k] - gMinus[k]) / (2 * eps);
      difference[k] = second[k] - first[k];
    }
    assertThat(norm(hessianTerm)).isGreaterThan(0.05);
    assertThat(distance(difference, hessianTerm)).isLessThan(FD_REL * norm(hessianTerm));
  }

  private static double[] surrogateGradient(Policy p, List<DMatrixRMaj> theta, MamlBatch b) {
    List<DMatrixRMaj> g = zerosLike(theta);
    Maml.metaGradient(p, theta, List.of(), b, 1.0, false, new Tape(), g);
    return flat(g);
  }

  // ------------------------------------------------------------------ training

  private static final Function<Rng, Policy> SMALL_POINT_POLICY =
      rng -> GaussianPolicy.mlp(2, new int[] {8}, 2, 0.0, rng);

  /** PointNavigation cut to 10 steps, so a test meta-trains in well under a second. */
  private static MamlTasks<Goal, double[], double[]> shortNavigation() {
    return MamlTasks.vector(PointNavigation.goals(),
        g -> new TimeLimit<>(PointNavigation.withGoal(g), 10), new Goal(0, 0));
  }

  private static MamlConfig smallConfig() {
    return MamlConfig.defaults().withIterations(3).withMetaBatchSize(5).withEpisodesPerTask(3)
        .withTestEpisodesPerTask(3).withOuterLearningRate(0.01).withSeed(11);
  }

  @Test
  void train_sameSeed_identicalCurveAndParametersOnOneAndTwoThreads() {
    MamlResult one = Maml.train(shortNavigation(), SMALL_POINT_POLICY, smallConfig(), null);
    MamlResult two = Maml.train(shortNavigation(), SMALL_POINT_POLICY,
        smallConfig().withThreads(2), null);
    assertThat(one.history().size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      MetricsRecorder.Row a = one.history().rows().get(i);
      MetricsRecorder.Row b = two.history().rows().get(i);
      assertThat(b.values()).isEqualTo(a.values());
      assertThat(a.values().keySet()).containsExactlyElementsOf(Maml.METRICS);
    }
    assertThat(flat(two.policy().parameterValues()))
        .containsExactly(flat(one.policy().parameterValues()));
    // rebuilt from its provenance: the same numbers
    MamlResult again = Maml.train(shortNavigation(), SMALL_POINT_POLICY,
        (MamlConfig) two.config(), null);
    assertThat(flat(again.policy().parameterValues()))
        .containsExactly(flat(one.policy().parameterValues()));
    assertThat(again.provenance().algorithm()).isEqualTo(Maml.NAME);
    // 5 tasks × (3 inner + 3 post) episodes × 10 steps (none ends early at this size) per it
    assertThat(one.environmentSteps()).isLessThanOrEqualTo(3L * 5 * 6 * 10);
    assertThat(one.history().last(Maml.STEPS)).isEqualTo(one.environmentSteps());
    // the first order option gives another curve from the same samples of iteration 1
    MamlResult fo = Maml.train(shortNavigation(), SMALL_POINT_POLICY,
        smallConfig().withFirstOrder(true), null);
    assertThat(fo.history().series(Maml.PRE_UPDATE_RETURN)[0])
        .isEqualTo(one.history().series(Maml.PRE_UPDATE_RETURN)[0]);
    assertThat(fo.history().series(Maml.META_GRAD_NORM)[0])
        .isNotEqualTo(one.history().series(Maml.META_GRAD_NORM)[0]);
  }

  /**
   * The per-iteration callback sees the policy being trained after each outer step: at
   * iteration i its θ is bit for bit the final θ of an i-iteration run, it is the result's
   * policy, and adapting it inside the callback (changing, then restoring θ) leaves the curve
   * and the final θ unchanged.
   */
  @Test
  void train_afterIteration_seesTheTrainedThetaOfEachPrefix_andChangesNothing() {
    List<double[]> seen = new ArrayList<>();
    List<Integer> iterations = new ArrayList<>();
    Policy[] handed = new Policy[1];
    Goal held = new Goal(0.3, -0.2);
    MamlResult r = Maml.train(shortNavigation(), SMALL_POINT_POLICY, smallConfig(), null,
        (policy, it) -> {
          handed[0] = policy;
          iterations.add(it);
          seen.add(flat(policy.parameterValues()));
          Maml.adapt(policy, shortNavigation(), held, smallConfig(), 2, 7);
        });
    MamlResult plain = Maml.train(shortNavigation(), SMALL_POINT_POLICY, smallConfig(), null);
    assertThat(iterations).containsExactly(1, 2, 3);
    assertThat(handed[0]).isSameAs(r.policy());
    assertThat(flat(r.policy().parameterValues()))
        .containsExactly(flat(plain.policy().parameterValues()));
    for (int i = 0; i < 3; i++) {
      assertThat(r.history().rows().get(i).values())
          .isEqualTo(plain.history().rows().get(i).values());
      MamlResult prefix = Maml.train(shortNavigation(), SMALL_POINT_POLICY,
          smallConfig().withIterations(i + 1), null);
      assertThat(seen.get(i)).containsExactly(flat(prefix.policy().parameterValues()));
    }
  }

  @Test
  void train_adam_goldenParameters_unchangedByTheTrustRegionOption() {
    // seeded golden outcome, recorded from the Adam-only Maml before the outer optimiser choice
    // existed (commit b49fe0d): bit for bit the same parameters
    MamlResult r = Maml.train(shortNavigation(), SMALL_POINT_POLICY, smallConfig(), null);
    double[] f = flat(r.policy().parameterValues());
    assertThat(f[0]).isEqualTo(0.28184589695117934);
    assertThat(f[f.length - 1]).isEqualTo(-0.025992458614500696);
    assertThat(java.util.Arrays.hashCode(f)).isEqualTo(-211546082);
    assertThat(r.history().last(Maml.META_GRAD_NORM)).isEqualTo(0.29447407605498016);
  }

  @Test
  void saveLoadAdapt_givesTheSameNumbers_andRestoresTheParameters() {
    MamlResult r = Maml.train(shortNavigation(), SMALL_POINT_POLICY,
        smallConfig().withIterations(2), null);
    String json = ParameterIo.toJson(r.policy());
    Policy loaded = SMALL_POINT_POLICY.apply(new Rng(999));
    ParameterIo.fromJson(loaded, json, "test");
    double[] before = flat(loaded.parameterValues());
    MamlConfig c = smallConfig();
    List<Goal> heldOut = Maml.heldOutTasks(PointNavigation.goals(), 2, 77);
    for (Goal g : heldOut) {
      Maml.Adaptation a = Maml.adapt(r.policy(), shortNavigation(), g, c, 3, 5);
      Maml.Adaptation b = Maml.adapt(loaded, shortNavigation(), g, c, 3, 5);
      assertThat(a.returns()).hasSize(4);
      assertThat(b.returns()).containsExactly(a.returns());
      for (int k = 0; k <= 3; k++) {
        assertThat(flat(b.parameters().get(k))).containsExactly(flat(a.parameters().get(k)));
      }
      assertThat(flat(b.parameters().get(0))).containsExactly(before);
      assertThat(flat(b.parameters().get(1))).isNotEqualTo(before);
    }
    assertThat(flat(loaded.parameterValues())).containsExactly(before);
  }

  @Test
  void adapt_laterSteps_useHalfTheStepSize() {
    Policy p = SMALL_POINT_POLICY.apply(new Rng(3));
    MamlConfig c = smallConfig().withInnerStepSize(0.2);
    Goal g = new Goal(0.3, -0.2);
    Maml.Adaptation a = Maml.adapt(p, shortNavigation().sampler(g, 9), c.withTestSteps(2));
    // redo both steps by hand on the same batches: the same sampler stream, α then α/2
    Sampler<double[], double[]> s = shortNavigation().sampler(g, 9);
    List<DMatrixRMaj> theta = p.parameterValues();
    List<DMatrixRMaj> saved = new ArrayList<>();
    for (DMatrixRMaj t : theta) {
      saved.add(t.copy());
    }
    Tape tape = new Tape();
    double[] alphas = {0.2, 0.1};
    for (int k = 0; k < 2; k++) {
      Batch b = s.collectEpisodes(p, c.testEpisodesPerTask());
      assertThat(b.meanEpisodeReturn()).isEqualTo(a.returns()[k]);
      Maml.innerStep(p, theta, MamlBatch.of(b, c.gamma(), true, true), alphas[k], tape, theta);
      assertThat(flat(theta)).containsExactly(flat(a.parameters().get(k + 1)));
    }
    for (int j = 0; j < theta.size(); j++) {
      theta.get(j).setTo(saved.get(j));
    }
    assertThat(c.testStepSize(1)).isEqualTo(0.2);
    assertThat(c.testStepSize(3)).isEqualTo(0.1);
  }

  // ------------------------------------------------------------------ the TRPO outer step

  /** ∇D(θ) of the mean KL through the recorded inner step, by one reverse pass. */
  private static double[] klGradient(Policy p, List<DMatrixRMaj> theta, List<MamlBatch> inner,
      MamlBatch outer, List<DMatrixRMaj> old, double alpha) {
    Tape tape = new Tape();
    List<Tensor> th = new ArrayList<>();
    for (DMatrixRMaj t : theta) {
      th.add(tape.parameter(t));
    }
    List<Tensor> oldT = new ArrayList<>();
    for (DMatrixRMaj o : old) {
      oldT.add(tape.constant(o));
    }
    Tensor kl = Maml.meanKl(tape, p,
        Maml.adaptedParameters(tape, p, th, inner, alpha, true), oldT, outer);
    double[] out = new double[p.numScalars()];
    int k = 0;
    for (Tensor g : tape.grad(kl, th, false)) {
      for (int e = 0; e < g.value().getNumElements(); e++) {
        out[k++] = g.value().data[e];
      }
    }
    return out;
  }

  /** θ' after the inner steps, on values. */
  private static List<DMatrixRMaj> adapted(Policy p, List<DMatrixRMaj> theta,
      List<MamlBatch> inner, double alpha) {
    List<DMatrixRMaj> cur = new ArrayList<>();
    for (DMatrixRMaj t : theta) {
      cur.add(t.copy());
    }
    for (MamlBatch b : inner) {
      Maml.innerStep(p, cur, b, alpha, new Tape(), cur);
    }
    return cur;
  }

  /** H v = ∇(∇D·v) against (∇D(θ + hv) − ∇D(θ − hv)) / 2h, at θ and at a θ_old ≠ θ. */
  private static void assertKlHvpMatchesFiniteDifferences(Policy p, List<MamlBatch> inner,
      MamlBatch outer, double alpha, long seed) {
    List<DMatrixRMaj> theta = p.parameterValues();
    Rng rng = new Rng(seed);
    List<DMatrixRMaj> v = zerosLike(theta);
    List<DMatrixRMaj> shifted = zerosLike(theta);
    for (int j = 0; j < theta.size(); j++) {
      for (int e = 0; e < theta.get(j).getNumElements(); e++) {
        v.get(j).data[e] = rng.nextGaussian();
        shifted.get(j).data[e] = theta.get(j).data[e] + 0.2 * rng.nextGaussian();
      }
    }
    // the old post-update parameters: from θ itself (D(θ) = 0, the TRPO case) and from a
    // shifted θ (D > 0, ∇D ≠ 0: the general case)
    for (List<DMatrixRMaj> old : List.of(adapted(p, theta, inner, alpha),
        adapted(p, shifted, inner, alpha))) {
      List<DMatrixRMaj> hv = zerosLike(theta);
      double d = Maml.klHessianVectorProduct(p, theta, inner, outer, old, alpha, false, v,
          new Tape(), hv);
      double[] vf = flat(v);
      for (int k = 0; k < vf.length; k++) {
        add(theta, k, H * vf[k]);
      }
      double[] up = klGradient(p, theta, inner, outer, old, alpha);
      for (int k = 0; k < vf.length; k++) {
        add(theta, k, -2 * H * vf[k]);
      }
      double[] down = klGradient(p, theta, inner, outer, old, alpha);
      for (int k = 0; k < vf.length; k++) {
        add(theta, k, H * vf[k]);
      }
      double[] fd = new double[vf.length];
      for (int k = 0; k < fd.length; k++) {
        fd[k] = (up[k] - down[k]) / (2 * H);
      }
      double[] exact = flat(hv);
      assertThat(norm(exact)).isGreaterThan(0.01);
      assertThat(distance(exact, fd)).isLessThan(FD_REL * norm(exact));
      assertThat(d).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void klHessianVectorProduct_gaussian_equalsCentralDifferencesOfTheKlGradient() {
    GaussianPolicy p = tinyGaussian(21);
    Rng rng = new Rng(22);
    assertKlHvpMatchesFiniteDifferences(p, List.of(fixedBatch(p, 7, rng)), fixedBatch(p, 5, rng),
        0.3, 23);
  }

  @Test
  void klHessianVectorProduct_categorical_equalsCentralDifferencesOfTheKlGradient() {
    CategoricalPolicy p = tinyCategorical(24);
    Rng rng = new Rng(25);
    assertKlHvpMatchesFiniteDifferences(p, List.of(fixedBatch(p, 6, rng)), fixedBatch(p, 6, rng),
        0.5, 26);
  }

  @Test
  void klHessianVectorProduct_atTheOldPoint_klIsZero_andMatchesTheTwoInnerStepChain() {
    GaussianPolicy p = tinyGaussian(27);
    Rng rng = new Rng(28);
    List<MamlBatch> inner = List.of(fixedBatch(p, 5, rng), fixedBatch(p, 4, rng));
    MamlBatch outer = fixedBatch(p, 5, rng);
    List<DMatrixRMaj> theta = p.parameterValues();
    List<DMatrixRMaj> hv = zerosLike(theta);
    double d = Maml.klHessianVectorProduct(p, theta, inner, outer,
        adapted(p, theta, inner, 0.2), 0.2, false, theta, new Tape(), hv);
    assertThat(d).isCloseTo(0, within(1e-15));
    assertKlHvpMatchesFiniteDifferences(p, inner, outer, 0.2, 29);
  }

  /** Three tasks of fixed batches on the tiny Gaussian policy. */
  private static final int TASKS = 3;

  @Test
  void trustRegionStep_fixedBatches_meanKlWithinDelta_andSurrogateImproved() {
    GaussianPolicy p = tinyGaussian(31);
    Rng rng = new Rng(32);
    List<List<MamlBatch>> inner = new ArrayList<>();
    List<MamlBatch> outer = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      inner.add(List.of(fixedBatch(p, 6 + i, rng)));
      outer.add(fixedBatch(p, 5 + 2 * i, rng));
    }
    double alpha = 0.3;
    MamlConfig c = MamlConfig.defaults().withInnerStepSize(alpha)
        .withOuter(MamlConfig.Outer.TRPO);
    List<DMatrixRMaj> theta = p.parameterValues();
    List<List<DMatrixRMaj>> old = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      old.add(adapted(p, theta, inner.get(i), alpha));
    }
    double[] before = flat(theta);
    TrustRegion.Step st = Maml.trustRegionStep(p, theta, inner, outer, c);
    assertThat(st.accepted()).isTrue();
    assertThat(flat(theta)).isNotEqualTo(before);
    // measured independently: L = mean over tasks, D = mean over all 5 + 7 + 9 steps
    double l0 = 0;
    double l1 = 0;
    double d1 = 0;
    double[] out = new double[2];
    List<DMatrixRMaj> start = zerosLike(theta);
    int k = 0;
    for (DMatrixRMaj m : start) {
      System.arraycopy(before, k, m.data, 0, m.getNumElements());
      k += m.getNumElements();
    }
    for (int i = 0; i < TASKS; i++) {
      Maml.surrogateAndKl(p, start, inner.get(i), outer.get(i), old.get(i), alpha, new Tape(),
          out);
      l0 += out[0] / TASKS;
      assertThat(out[1]).isCloseTo(0, within(1e-15));
      Maml.surrogateAndKl(p, theta, inner.get(i), outer.get(i), old.get(i), alpha, new Tape(),
          out);
      l1 += out[0] / TASKS;
      d1 += out[1] * outer.get(i).size() / 21.0;
    }
    assertThat(d1).isLessThanOrEqualTo(0.01);
    assertThat(l1).isGreaterThan(l0);
    assertThat(st.constraint()).isCloseTo(d1, within(1e-15));
    assertThat(st.surrogate() - st.surrogateBefore()).isCloseTo(l1 - l0, within(1e-14));
    // on this strongly nonlinear policy the KL grows faster than its quadratic model
    // ½(fβs)ᵀH(fβs) ≈ δf²: the search backed off (measured: 7 trials, f = 0.8⁶ = 0.262,
    // D = 0.0052 against the model's 0.0007)
    assertThat(st.trials()).isGreaterThan(1);
    assertThat(d1).isGreaterThan(0.01 * st.fraction() * st.fraction());
  }

  private static MamlConfig trpoConfig() {
    return smallConfig().withOuter(MamlConfig.Outer.TRPO);
  }

  @Test
  void train_trpo_sameSeed_identicalOnOneAndTwoThreads_andEveryStepWithinTheKlBound() {
    MamlResult one = Maml.train(shortNavigation(), SMALL_POINT_POLICY, trpoConfig(), null);
    MamlResult two = Maml.train(shortNavigation(), SMALL_POINT_POLICY,
        trpoConfig().withThreads(2), null);
    for (int i = 0; i < 3; i++) {
      MetricsRecorder.Row a = one.history().rows().get(i);
      assertThat(two.history().rows().get(i).values()).isEqualTo(a.values());
      assertThat(a.values().keySet()).containsExactlyElementsOf(Maml.TRPO_METRICS);
    }
    assertThat(flat(two.policy().parameterValues()))
        .containsExactly(flat(one.policy().parameterValues()));
    double[] kl = one.history().series(Maml.MEAN_KL);
    double[] gain = one.history().series(Maml.SURROGATE_GAIN);
    double[] fraction = one.history().series(Maml.STEP_FRACTION);
    double[] cg = one.history().series(Maml.CG_ITERATIONS);
    for (int i = 0; i < 3; i++) {
      assertThat(cg[i]).isBetween(1.0, 10.0);
      assertThat(kl[i]).isBetween(0.0, 0.01);
      assertThat(gain[i]).isGreaterThanOrEqualTo(0);
      assertThat(fraction[i] > 0).isEqualTo(gain[i] > 0);
    }
    // measured: fractions 0.512, 0.328, 0.512; mean KL 0.0074, 0.0057, 0.0077; CG 10, 10, 10
    assertThat(fraction[0]).isGreaterThan(0);
    // the same samples as Adam's first iteration, another step
    MamlResult adam = Maml.train(shortNavigation(), SMALL_POINT_POLICY, smallConfig(), null);
    assertThat(one.history().series(Maml.META_GRAD_NORM)[0])
        .isEqualTo(adam.history().series(Maml.META_GRAD_NORM)[0]);
    assertThat(flat(one.policy().parameterValues()))
        .isNotEqualTo(flat(adam.policy().parameterValues()));
  }

  // ------------------------------------------------------------------ closed form

  /**
   * One step, observation (1), reward −(a − g)². For π = N(μ, σ²) with μ = w + b:
   * J = −(μ − g)² − σ², ∂J/∂w = ∂J/∂b = −2(μ − g), ∂J/∂log σ = −2σ².
   */
  private static final class QuadraticBandit implements Env<double[], double[]> {
    private final double goal;

    QuadraticBandit(double goal) {
      this.goal = goal;
    }

    @Override
    public Space observationSpace() {
      return Box.uniform(1, 1, 1);
    }

    @Override
    public Space actionSpace() {
      return Box.uniform(1, -100, 100);
    }

    @Override
    public double[] reset(long seed) {
      return new double[] {1};
    }

    @Override
    public Step<double[]> step(double[] a) {
      double d = a[0] - goal;
      return new Step<>(new double[] {1}, -d * d, true, false);
    }
  }

  @Test
  void oneInnerStep_quadraticBandit_movesByTheClosedFormGradient_andImprovesAsPredicted() {
    double goal = 1.0;
    double w = 0.2;
    double b = 0.1;
    double sigma = 0.5;
    double alpha = 0.05;
    int n = 20000;
    GaussianPolicy p = GaussianPolicy.mlp(1, new int[0], 1, Math.log(sigma), new Rng(0));
    p.parameterValues().get(0).set(0, 0, w);
    p.parameterValues().get(1).set(0, 0, b);
    TaskDistribution<Double> one = rng -> goal;
    MamlTasks<Double, double[], double[]> tasks =
        MamlTasks.vector(one, QuadraticBandit::new, goal);
    MamlConfig c = MamlConfig.defaults().withInnerStepSize(alpha).withTestEpisodesPerTask(n)
        .withLinearBaseline(false).withNormalizeAdvantages(false);
    Maml.Adaptation a = Maml.adapt(p, tasks, goal, c, 1, 21);

    // the step on the sampled batch is the score-function estimate, written out by hand
    Sampler<double[], double[]> s = tasks.sampler(goal, 21);
    Batch batch = s.collectEpisodes(p, n);
    double mu = w + b;
    double sumMu = 0;
    double sumMu2 = 0;
    double sumLs = 0;
    double sumLs2 = 0;
    for (int t = 0; t < n; t++) {
      double z = (batch.actions()[t] - mu) / (sigma * sigma);
      double r = batch.rewards()[t];
      double gMu = z * r;
      double gLs = (z * z * sigma * sigma - 1) * r;
      sumMu += gMu;
      sumMu2 += gMu * gMu;
      sumLs += gLs;
      sumLs2 += gLs * gLs;
    }
    double estMu = sumMu / n;
    double estLs = sumLs / n;
    List<DMatrixRMaj> th1 = a.parameters().get(1);
    assertThat(th1.get(0).get(0, 0)).isCloseTo(w + alpha * estMu, within(1e-12));
    assertThat(th1.get(1).get(0, 0)).isCloseTo(b + alpha * estMu, within(1e-12));
    assertThat(th1.get(2).get(0, 0)).isCloseTo(Math.log(sigma) + alpha * estLs, within(1e-12));

    // the estimate is unbiased: within 4 standard errors of the closed-form gradient
    double seMu = Math.sqrt((sumMu2 / n - estMu * estMu) / n);
    double seLs = Math.sqrt((sumLs2 / n - estLs * estLs) / n);
    double gradMu = -2 * (mu - goal);
    double gradLs = -2 * sigma * sigma;
    assertThat(estMu).isCloseTo(gradMu, within(4 * seMu));
    assertThat(estLs).isCloseTo(gradLs, within(4 * seLs));

    // returns before and after: J(θ) and J(θ') in closed form, within 4 standard errors
    double j0 = -(mu - goal) * (mu - goal) - sigma * sigma;
    double mu1 = th1.get(0).get(0, 0) + th1.get(1).get(0, 0);
    double sigma1 = Math.exp(th1.get(2).get(0, 0));
    double j1 = -(mu1 - goal) * (mu1 - goal) - sigma1 * sigma1;
    // Var[−(a − g)²] for a ~ N(μ, σ²) is 2σ⁴ + 4σ²(μ − g)²
    double se0 = Math.sqrt((2 * Math.pow(sigma, 4) + 4 * sigma * sigma * (mu - goal)
        * (mu - goal)) / n);
    double se1 = Math.sqrt((2 * Math.pow(sigma1, 4) + 4 * sigma1 * sigma1 * (mu1 - goal)
        * (mu1 - goal)) / n);
    assertThat(a.returns()[0]).isCloseTo(j0, within(4 * se0));
    assertThat(a.returns()[1]).isCloseTo(j1, within(4 * se1));
    // and the improvement is the one the exact gradient predicts, J(θ + α∇J) − J(θ)
    double muPred = mu + 2 * alpha * gradMu;
    double sigmaPred = sigma * Math.exp(alpha * gradLs);
    double predicted = -(muPred - goal) * (muPred - goal) - sigmaPred * sigmaPred - j0;
    // μ' = 0.3 + 2·0.05·1.4 = 0.44, σ' = 0.5·e^{−0.025}: J' = −0.3136 − 0.237808 = −0.551408
    assertThat(predicted).isCloseTo(0.188592, within(1e-6));
    assertThat(a.returns()[1] - a.returns()[0])
        .isCloseTo(predicted, within(4 * (se0 + se1) + 3 * alpha * 4 * (seMu + seLs)));
  }

  @Test
  void config_rejectsBadValues_byName() {
    assertThatThrownBy(() -> MamlConfig.defaults().withInnerStepSize(0))
        .hasMessageContaining("innerStepSize");
    assertThatThrownBy(() -> MamlConfig.defaults().withLaterTestStepScale(1.5))
        .hasMessageContaining("laterTestStepScale");
    assertThatThrownBy(() -> MamlConfig.defaults().withThreads(0))
        .hasMessageContaining("threads");
  }
}
