package org.gridrl.benchmarks.experiments.multitask;

/**
 * The two-objective toy of the PCGrad and CAGrad papers over θ = (θ1, θ2), in two named
 * variants, with closed-form gradients (checked against central finite differences in the
 * tests). Both are piecewise smooth: a clamp at 5e-6 inside a log of an absolute value, and (in
 * the CAGrad variant) gates clamped at 0; the gradient of a clamped branch is 0, as PyTorch's.
 *
 * <ul>
 *   <li>{@link Variant#LOG10} (Yu et al. 2020, "Gradient Surgery for Multi-Task Learning", the
 *       2-D landscape of their Figure 1; the lecture's formula):
 *       <pre>  L1 = 20·log10(max(|0.5θ1 + tanh θ2|, 5e-6)),
 *  L2 = 25·log10(max(|0.5θ1 − tanh θ2 + 2|, 5e-6)).</pre>
 *       The paper writes "log" without a base; log10 is what the public PyTorch PCGrad toy
 *       reimplementation uses (its {@code get_obj1}/{@code get_obj2}: {@code 20. * torch.log10(
 *       torch.max(torch.abs(0.5*x[:, 0] + torch.tanh(x[:, 1])), 5e-6))}, Adam lr 0.001 from
 *       (0.5, −3)). The base scales both losses by the same 1/ln 10, which no combiner here and
 *       Adam (up to its ε) sees, so the trajectories are the same with the natural log.
 *   <li>{@link Variant#GATED} (Liu et al. 2021, "Conflict-Averse Gradient Descent for
 *       Multi-task Learning", Figure 1; the authors' {@code toy.py}, github.com/Cranial-XIX/CAGrad,
 *       class {@code Toy}): natural log, gated between a log valley (θ2 &gt; 0) and a quadratic
 *       bowl (θ2 &lt; 0),
 *       <pre>  f1 = log(max(|0.5(−θ1 − 7) − tanh(−θ2)|, 5e-6)) + 6,
 *  f2 = log(max(|0.5(−θ1 + 3) + tanh(−θ2) + 2|, 5e-6)) + 6,
 *  q1 = ((−θ1 + 7)² + 0.1(−θ2 − 8)²)/10 − 20,  q2 = ((−θ1 − 7)² + 0.1(−θ2 − 8)²)/10 − 20,
 *  c1 = max(tanh(θ2/2), 0),  c2 = max(tanh(−θ2/2), 0),
 *  L1 = c1·f1 + c2·q1,  L2 = c1·f2 + c2·q2.</pre>
 *       Its Pareto set is the segment θ1 ∈ [−7, 7] at θ2 ≈ −8.3552 and the minimum of L1 + L2
 *       is near (0, −8.3552) (the star of the authors' plot).
 * </ul>
 */
public final class ConflictingToy {

  /** The clamp inside the logs. */
  public static final double LOWER = 5e-6;

  /** The two named variants. */
  public enum Variant {
    /** Yu et al. 2020's toy, log10 (the lecture's figure). */
    LOG10,
    /** Liu et al. 2021's gated toy, natural log. */
    GATED;

    /** The name in metric keys ({@code log10}, {@code gated}). */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final double LN10 = Math.log(10);

  private ConflictingToy() {
  }

  /**
   * L1 and L2 at θ, and optionally their gradients.
   *
   * @param variant which toy
   * @param t1 θ1
   * @param t2 θ2
   * @param losses {L1, L2}, length ≥ 2. Modified.
   * @param grads null, or rows {∂L1/∂θ1, ∂L1/∂θ2} and {∂L2/∂θ1, ∂L2/∂θ2}, each of length ≥ 2.
   *     Modified.
   */
  public static void evaluate(Variant variant, double t1, double t2, double[] losses,
      double[][] grads) {
    if (variant == Variant.LOG10) {
      log10(t1, t2, losses, grads);
    } else {
      gated(t1, t2, losses, grads);
    }
  }

  /** L1 + L2 at θ. */
  public static double sum(Variant variant, double t1, double t2) {
    double[] l = new double[2];
    evaluate(variant, t1, t2, l, null);
    return l[0] + l[1];
  }

  private static void log10(double t1, double t2, double[] losses, double[][] grads) {
    double th = Math.tanh(t2);
    double sech2 = 1 - th * th;
    double u = 0.5 * t1 + th; // L1 = 20 log10|u|
    double v = 0.5 * t1 - th + 2; // L2 = 25 log10|v|
    boolean uOn = Math.abs(u) > LOWER;
    boolean vOn = Math.abs(v) > LOWER;
    losses[0] = 20 * Math.log10(uOn ? Math.abs(u) : LOWER);
    losses[1] = 25 * Math.log10(vOn ? Math.abs(v) : LOWER);
    if (grads != null) {
      double du = uOn ? 20 / (LN10 * u) : 0; // d/du log10|u| = 1/(u ln 10)
      double dv = vOn ? 25 / (LN10 * v) : 0;
      grads[0][0] = 0.5 * du;
      grads[0][1] = sech2 * du;
      grads[1][0] = 0.5 * dv;
      grads[1][1] = -sech2 * dv;
    }
  }

  private static void gated(double t1, double t2, double[] losses, double[][] grads) {
    double th = Math.tanh(t2);
    double sech2 = 1 - th * th;
    double a = 0.5 * (-t1 - 7) + th; // −tanh(−θ2) = tanh θ2
    double b = 0.5 * (-t1 + 3) - th + 2;
    boolean aOn = Math.abs(a) > LOWER;
    boolean bOn = Math.abs(b) > LOWER;
    double f1 = Math.log(aOn ? Math.abs(a) : LOWER) + 6;
    double f2 = Math.log(bOn ? Math.abs(b) : LOWER) + 6;
    double h = Math.tanh(0.5 * t2);
    double c1 = Math.max(h, 0);
    double c2 = Math.max(-h, 0);
    double q1 = ((-t1 + 7) * (-t1 + 7) + 0.1 * (-t2 - 8) * (-t2 - 8)) / 10 - 20;
    double q2 = ((-t1 - 7) * (-t1 - 7) + 0.1 * (-t2 - 8) * (-t2 - 8)) / 10 - 20;
    losses[0] = f1 * c1 + q1 * c2;
    losses[1] = f2 * c1 + q2 * c2;
    if (grads != null) {
      double da = aOn ? 1 / a : 0; // d/da log|a| = 1/a
      double db = bOn ? 1 / b : 0;
      double dh = 0.5 * (1 - h * h); // d tanh(θ2/2) / dθ2
      double dc1 = h > 0 ? dh : 0;
      double dc2 = -h > 0 ? -dh : 0;
      double q2dt2 = 0.02 * (t2 + 8); // ∂q/∂θ2, the same for q1 and q2
      grads[0][0] = c1 * (-0.5 * da) + c2 * (t1 - 7) / 5;
      grads[0][1] = c1 * (sech2 * da) + dc1 * f1 + c2 * q2dt2 + dc2 * q1;
      grads[1][0] = c1 * (-0.5 * db) + c2 * (t1 + 7) / 5;
      grads[1][1] = c1 * (-sech2 * db) + dc1 * f2 + c2 * q2dt2 + dc2 * q2;
    }
  }
}
