package org.gridrl.benchmarks.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.GaussianPolicy;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.util.Numbers;
import org.gridrl.core.util.Rng;
import org.gridrl.meta.maml.Maml;
import org.gridrl.meta.maml.MamlBatch;

/**
 * Exercise 11, the MAML inner step and meta-gradient, against the library's own code path:
 * θ' from {@link Maml#innerStep}, ∇F from {@link Maml#metaGradient} (exact second order by
 * reverse mode through the recorded inner gradient, and its first-order option). The task
 * objectives are MAML's REINFORCE surrogates J_B(θ) = (1/m) Σ_t log π_θ(a_t|s_t) Â_t
 * ({@link Maml#surrogate}) of small policies on fixed batches; the student sees them through
 * {@link MamlMetaGradient.Objective}, whose gradient and Hessian-vector product the grader
 * computes with core.autodiff. θ is the policy's parameters flattened in
 * {@code parameterValues()} order, row-major.
 */
final class MamlExercises {

  /** The tolerance: max error ≤ TOL · (1 + max |library|). */
  static final double TOL = 1e-9;

  /** Steps in each fixed batch. */
  private static final int BATCH = 6;

  private MamlExercises() {
  }

  /** Exercise 11. */
  static Exercise<MamlMetaGradient> mamlMetaGradient() {
    return new Exercise<>(11, "maml-meta-gradient", "The MAML inner step and meta-gradient",
        MamlMetaGradient.class, MamlExercises::cases);
  }

  /**
   * One problem: the policy ("categorical" or "gaussian", hidden sizes), α, whether the training
   * batch's advantages are all zero, and a note.
   */
  private record Shape(String family, int[] hidden, double alpha, boolean zeroTrain,
      String note) {
  }

  /** A problem built from its seed: a policy, θ, the training and test batches. */
  private record Problem(Policy policy, List<DMatrixRMaj> theta, MamlBatch train,
      MamlBatch test) {

    double[] flatTheta() {
      return flatten(theta);
    }
  }

  private static List<Exercise.Case<MamlMetaGradient>> cases(long seed) {
    Shape[] shapes = {
        new Shape("categorical", new int[0], 0.5, false, "softmax of a linear map"),
        new Shape("gaussian", new int[] {3}, 0.3, false, "tanh hidden layer"),
        new Shape("categorical", new int[] {3}, 0.0, false, "theta' = theta"),
        new Shape("gaussian", new int[0], 0.5, true,
            "training advantages all 0: grad J_tr = 0 and H_tr = 0"),
        new Shape("categorical", new int[] {3}, 2.0, false, "a large inner step"),
    };
    Rng root = new Rng(seed);
    List<Exercise.Case<MamlMetaGradient>> cases = new ArrayList<>();
    for (int c = 0; c < shapes.length; c++) {
      Shape sh = shapes[c];
      long problemSeed = root.fork(c).seed();
      // each case builds its own policy: a policy evaluates on one thread at a time, and a
      // timed-out solution may still be calling the previous case's objectives
      Problem pr = problem(sh, problemSeed);
      double alpha = sh.alpha;
      double[] theta = pr.flatTheta();
      Tape tape = new Tape();
      List<DMatrixRMaj> out = zerosLike(pr.theta);
      Maml.innerStep(pr.policy, pr.theta, pr.train, alpha, tape, out);
      double[] thetaPrime = flatten(out);
      Maml.metaGradient(pr.policy, pr.theta, List.of(pr.train), pr.test, alpha, false, tape,
          out);
      double[] second = flatten(out);
      Maml.metaGradient(pr.policy, pr.theta, List.of(pr.train), pr.test, alpha, true, tape, out);
      double[] first = flatten(out);
      double[] hessianTerm = new double[second.length];
      for (int k = 0; k < second.length; k++) {
        hessianTerm[k] = second[k] - first[k];
      }
      String name = sh.family + " " + describe(pr.policy, sh.hidden) + " alpha="
          + Numbers.shortest(alpha) + " (" + sh.note + ")";
      cases.add(new Exercise.Case<>(name + ": theta' (inner step)", student -> {
        Problem p = problem(sh, problemSeed);
        return Verdict.compare("theta'", "parameter", thetaPrime,
            student.innerStep(theta.clone(), new PolicyObjective(p.policy, p.theta, p.train),
                alpha), TOL);
      }));
      cases.add(new Exercise.Case<>(name + ": grad F, second order (|alpha H_tr grad J_test| = "
          + String.format(Locale.ROOT, "%.2g", norm(hessianTerm) / norm(second))
          + " |grad F|)", student -> {
            Problem p = problem(sh, problemSeed);
            return Verdict.compare("grad F", "parameter", second, student.metaGradient(
                theta.clone(), new PolicyObjective(p.policy, p.theta, p.train),
                new PolicyObjective(p.policy, p.theta, p.test), alpha), TOL);
          }));
      cases.add(new Exercise.Case<>(name + ": grad J_test(theta') (first order)", student -> {
        Problem p = problem(sh, problemSeed);
        return Verdict.compare("grad J_test(theta')", "parameter", first,
            student.firstOrderMetaGradient(theta.clone(),
                new PolicyObjective(p.policy, p.theta, p.train),
                new PolicyObjective(p.policy, p.theta, p.test), alpha), TOL);
      }));
    }
    return cases;
  }

  /** "2 -> 3 (9 parameters)": the layer sizes and the length of θ. */
  private static String describe(Policy policy, int[] hidden) {
    StringBuilder s = new StringBuilder().append(policy.observationDim());
    for (int h : hidden) {
      s.append(" -> ").append(h);
    }
    int out = policy instanceof CategoricalPolicy c ? c.numActions() : policy.actionDim();
    return s.append(" -> ").append(out).append(" (").append(policy.numScalars())
        .append(" parameters)").toString();
  }

  /**
   * The problem of {@code seed}: a policy with observations of dimension 2, 3 actions or a 2-D
   * action, every parameter 0.5·N(0, 1) (not the near-uniform initialisation, so that the
   * Hessian is not small), and two fixed batches of {@link #BATCH} steps with N(0, 1)
   * observations, advantages (and continuous actions).
   */
  private static Problem problem(Shape sh, long seed) {
    Rng rng = new Rng(seed);
    Policy policy = sh.family.equals("categorical")
        ? CategoricalPolicy.mlp(2, sh.hidden, 3, rng.fork(0))
        : GaussianPolicy.mlp(2, sh.hidden, 2, 0.0, rng.fork(0));
    List<DMatrixRMaj> theta = policy.parameterValues();
    Rng values = rng.fork(1);
    for (DMatrixRMaj m : theta) {
      for (int i = 0; i < m.getNumElements(); i++) {
        m.data[i] = 0.5 * values.nextGaussian();
      }
    }
    MamlBatch train = batch(policy, rng.fork(2), sh.zeroTrain);
    MamlBatch test = batch(policy, rng.fork(3), false);
    return new Problem(policy, theta, train, test);
  }

  private static MamlBatch batch(Policy policy, Rng rng, boolean zeroAdvantages) {
    DMatrixRMaj obs = gaussian(BATCH, policy.observationDim(), rng);
    DMatrixRMaj adv = zeroAdvantages ? new DMatrixRMaj(BATCH, 1) : gaussian(BATCH, 1, rng);
    if (policy.discrete()) {
      int[] idx = new int[BATCH];
      for (int i = 0; i < BATCH; i++) {
        idx[i] = rng.nextInt(((CategoricalPolicy) policy).numActions());
      }
      return new MamlBatch(obs, null, idx, adv);
    }
    return new MamlBatch(obs, gaussian(BATCH, policy.actionDim(), rng), null, adv);
  }

  private static DMatrixRMaj gaussian(int rows, int cols, Rng rng) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < rows * cols; i++) {
      m.data[i] = rng.nextGaussian();
    }
    return m;
  }

  /**
   * J_B(θ) = (1/m) Σ_t log π_θ(a_t|s_t) Â_t of one batch for the student: the value and
   * gradient by {@link Maml#metaGradient} with no inner step (the library's ∇J_B), the
   * Hessian-vector product ∇(∇J_B(θ)·v) by reverse mode over the recorded gradient.
   */
  private static final class PolicyObjective implements MamlMetaGradient.Objective {
    private final Policy policy;
    private final List<DMatrixRMaj> shapes;
    private final MamlBatch batch;

    PolicyObjective(Policy policy, List<DMatrixRMaj> shapes, MamlBatch batch) {
      this.policy = policy;
      this.shapes = shapes;
      this.batch = batch;
    }

    @Override
    public int dimension() {
      return size(shapes);
    }

    @Override
    public double value(double[] theta) {
      List<DMatrixRMaj> g = zerosLike(shapes);
      return Maml.metaGradient(policy, unflatten("theta", theta), List.of(), batch, 0.0, false,
          new Tape(), g);
    }

    @Override
    public double[] gradient(double[] theta) {
      List<DMatrixRMaj> g = zerosLike(shapes);
      Maml.metaGradient(policy, unflatten("theta", theta), List.of(), batch, 0.0, false,
          new Tape(), g);
      return flatten(g);
    }

    @Override
    public double[] hessianVectorProduct(double[] theta, double[] v) {
      List<DMatrixRMaj> th = unflatten("theta", theta);
      List<DMatrixRMaj> dir = unflatten("v", v);
      Tape tape = new Tape();
      List<Tensor> params = new ArrayList<>(th.size());
      for (DMatrixRMaj p : th) {
        params.add(tape.parameter(p));
      }
      List<Tensor> g = tape.grad(Maml.surrogate(tape, policy, params, batch), params, true);
      Tensor gv = null;
      for (int j = 0; j < params.size(); j++) {
        Tensor term = tape.sum(tape.mul(g.get(j), tape.constant(dir.get(j))));
        gv = gv == null ? term : tape.add(gv, term);
      }
      List<Tensor> hv = tape.grad(gv, params, false);
      List<DMatrixRMaj> out = new ArrayList<>(hv.size());
      for (Tensor t : hv) {
        out.add(t.value());
      }
      return flatten(out);
    }

    /** x as matrices shaped like θ; rejects a wrong length, naming the argument. */
    private List<DMatrixRMaj> unflatten(String what, double[] x) {
      int n = size(shapes);
      if (x == null || x.length != n) {
        throw new IllegalArgumentException("the objective's " + what + " must have length " + n
            + " (one per parameter), got " + (x == null ? "null" : x.length));
      }
      List<DMatrixRMaj> out = new ArrayList<>(shapes.size());
      int k = 0;
      for (DMatrixRMaj s : shapes) {
        DMatrixRMaj m = new DMatrixRMaj(s.numRows, s.numCols);
        System.arraycopy(x, k, m.data, 0, m.getNumElements());
        k += m.getNumElements();
        out.add(m);
      }
      return out;
    }
  }

  private static int size(List<DMatrixRMaj> xs) {
    int n = 0;
    for (DMatrixRMaj x : xs) {
      n += x.getNumElements();
    }
    return n;
  }

  static double[] flatten(List<DMatrixRMaj> xs) {
    double[] out = new double[size(xs)];
    int k = 0;
    for (DMatrixRMaj x : xs) {
      System.arraycopy(x.data, 0, out, k, x.getNumElements());
      k += x.getNumElements();
    }
    return out;
  }

  private static List<DMatrixRMaj> zerosLike(List<DMatrixRMaj> xs) {
    List<DMatrixRMaj> out = new ArrayList<>(xs.size());
    for (DMatrixRMaj x : xs) {
      out.add(new DMatrixRMaj(x.numRows, x.numCols));
    }
    return out;
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
