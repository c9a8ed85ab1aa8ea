package org.gridrl.core.autodiff;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks {@link Tape}'s derivatives against central finite differences.
 *
 * <p>First order: ∂L/∂x_k ≈ (L(x + ε e_k) − L(x − ε e_k)) / 2ε for every entry of every input,
 * against the gradient of both the fast path and the recorded ({@code createGraph}) path.
 * Second order: for directions v, the Hessian-vector product H·v = ∇_x(Σ_i ⟨∇_{x_i} L, v_i⟩),
 * obtained by differentiating a recorded gradient, against (∇L(x + εv) − ∇L(x − εv)) / 2ε.
 *
 * <p>The error of one entry is |autodiff − numeric| / max(1, |numeric|); a report holds the
 * worst entry. With ε ≈ 1e-5 and smooth functions of moderate size, correct derivatives give
 * errors around 1e-9 (first order) and 1e-8 (second order).
 */
public final class GradCheck {

  /** A scalar function of the inputs, built on the given tape from the given leaves. */
  @FunctionalInterface
  public interface Loss {
    /**
     * Builds the 1×1 loss.
     *
     * @param tape the tape to record on
     * @param inputs parameter leaves wrapping the inputs, in order
     * @return a 1×1 tensor
     */
    Tensor apply(Tape tape, List<Tensor> inputs);
  }

  /**
   * The worst disagreement found.
   *
   * @param maxError the largest |autodiff − numeric| / max(1, |numeric|)
   * @param input index of the input holding the worst entry
   * @param entry index of that entry in the input's row-major data
   * @param autodiff the derivative autodiff gave there
   * @param numeric the finite-difference estimate there
   */
  public record Report(double maxError, int input, int entry, double autodiff, double numeric) {

    /** Whether every entry agreed within {@code tol}. */
    public boolean within(double tol) {
      return maxError <= tol;
    }

    /** One line naming the worst entry. */
    public String describe() {
      return String.format("max error %.3e at input %d entry %d: autodiff %.10g, numeric %.10g",
          maxError, input, entry, autodiff, numeric);
    }
  }

  private GradCheck() {}

  /**
   * First-order check of every entry of every input.
   *
   * @param f the function. Not modified.
   * @param inputs the point; entries are perturbed and restored. Not modified on return.
   * @param eps the finite-difference step
   */
  public static Report firstOrder(Loss f, List<DMatrixRMaj> inputs, double eps) {
    Tape tape = new Tape();
    List<DMatrixRMaj> fast = gradients(f, inputs, tape, false);
    List<DMatrixRMaj> recorded = gradients(f, inputs, tape, true);
    Worst worst = new Worst();
    for (int i = 0; i < inputs.size(); i++) {
      double[] x = inputs.get(i).data;
      for (int k = 0; k < inputs.get(i).getNumElements(); k++) {
        double x0 = x[k];
        x[k] = x0 + eps;
        double up = value(f, inputs, tape);
        x[k] = x0 - eps;
        double down = value(f, inputs, tape);
        x[k] = x0;
        double numeric = (up - down) / (2 * eps);
        worst.offer(i, k, fast.get(i).data[k], numeric);
        worst.offer(i, k, recorded.get(i).data[k], numeric);
      }
    }
    return worst.report();
  }

  /**
   * Second-order check along directions v (one per input, same shapes): the recorded gradient
   * is differentiated again and compared with finite differences of the gradient.
   *
   * @param f the function. Not modified.
   * @param inputs the point; perturbed and restored. Not modified on return.
   * @param directions v. Not modified.
   * @param eps the finite-difference step
   */
  public static Report secondOrder(
      Loss f, List<DMatrixRMaj> inputs, List<DMatrixRMaj> directions, double eps) {
    Tape tape = new Tape();
    List<Tensor> x = leaves(tape, inputs);
    Tensor loss = f.apply(tape, x);
    List<Tensor> g = tape.grad(loss, x, true);
    Tensor gv = null;
    for (int i = 0; i < x.size(); i++) {
      Tensor term = tape.sum(tape.mul(g.get(i), tape.constant(directions.get(i))));
      gv = gv == null ? term : tape.add(gv, term);
    }
    List<DMatrixRMaj> hv = copies(tape.grad(gv, x, false));

    List<DMatrixRMaj> saved = new ArrayList<>();
    for (DMatrixRMaj m : inputs) {
      saved.add(m.copy());
    }
    shift(inputs, saved, directions, eps);
    List<DMatrixRMaj> up = gradients(f, inputs, tape, false);
    shift(inputs, saved, directions, -eps);
    List<DMatrixRMaj> down = gradients(f, inputs, tape, false);
    for (int i = 0; i < inputs.size(); i++) {
      inputs.get(i).setTo(saved.get(i));
    }
    Worst worst = new Worst();
    for (int i = 0; i < inputs.size(); i++) {
      for (int k = 0; k < inputs.get(i).getNumElements(); k++) {
        double numeric = (up.get(i).data[k] - down.get(i).data[k]) / (2 * eps);
        worst.offer(i, k, hv.get(i).data[k], numeric);
      }
    }
    return worst.report();
  }

  private static void shift(
      List<DMatrixRMaj> inputs, List<DMatrixRMaj> base, List<DMatrixRMaj> v, double eps) {
    for (int i = 0; i < inputs.size(); i++) {
      double[] x = inputs.get(i).data;
      for (int k = 0; k < inputs.get(i).getNumElements(); k++) {
        x[k] = base.get(i).data[k] + eps * v.get(i).data[k];
      }
    }
  }

  private static List<Tensor> leaves(Tape tape, List<DMatrixRMaj> inputs) {
    tape.reset();
    List<Tensor> x = new ArrayList<>();
    for (DMatrixRMaj m : inputs) {
      x.add(tape.parameter(m));
    }
    return x;
  }

  private static double value(Loss f, List<DMatrixRMaj> inputs, Tape tape) {
    return f.apply(tape, leaves(tape, inputs)).item();
  }

  private static List<DMatrixRMaj> gradients(
      Loss f, List<DMatrixRMaj> inputs, Tape tape, boolean createGraph) {
    List<Tensor> x = leaves(tape, inputs);
    return copies(tape.grad(f.apply(tape, x), x, createGraph));
  }

  private static List<DMatrixRMaj> copies(List<Tensor> ts) {
    List<DMatrixRMaj> out = new ArrayList<>();
    for (Tensor t : ts) {
      out.add(t.value().copy());
    }
    return out;
  }

  private static final class Worst {
    double err = 0;
    int input = -1;
    int entry = -1;
    double ad = Double.NaN;
    double num = Double.NaN;

    void offer(int i, int k, double autodiff, double numeric) {
      double e = Math.abs(autodiff - numeric) / Math.max(1.0, Math.abs(numeric));
      if (!(e <= err)) { // NaN counts as worst
        err = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
        input = i;
        entry = k;
        ad = autodiff;
        num = numeric;
      }
    }

    Report report() {
      return new Report(err, input, entry, ad, num);
    }
  }
}
