package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.AllocationMeter;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * {@link PolicyDistillation} on a categorical student with no hidden layer over one-hot states,
 * whose logits are z(s) = W[s,:] + b: free per state, so the minimum of L_KL is π(·|s) = p(·|s)
 * and that of L_NLL the empirical action frequencies.
 */
class PolicyDistillationTest extends TestBase {

  static final int S = 3;
  static final int A = 4;

  static CategoricalPolicy student(long seed) {
    return CategoricalPolicy.mlp(S, new int[0], A, new Rng(seed));
  }

  static DMatrixRMaj oneHots(int[] states) {
    DMatrixRMaj x = new DMatrixRMaj(states.length, S);
    for (int k = 0; k < states.length; k++) {
      x.set(k, states[k], 1.0);
    }
    return x;
  }

  static final double[][] TEACHER = {{0.1, 0.2, 0.3, 0.4}, {0.7, 0.1, 0.1, 0.1},
      {0.25, 0.25, 0.5, 0.0}};

  static DMatrixRMaj teacherRows(int[] states) {
    DMatrixRMaj p = new DMatrixRMaj(states.length, A);
    for (int k = 0; k < states.length; k++) {
      for (int a = 0; a < A; a++) {
        p.set(k, a, TEACHER[states[k]][a]);
      }
    }
    return p;
  }

  @Test
  void klGradient_isSoftmaxMinusTeacherOverM() {
    CategoricalPolicy pi = student(3);
    int[] states = {0, 2, 1, 2};
    DMatrixRMaj obs = oneHots(states);
    DMatrixRMaj p = teacherRows(states);
    PolicyDistillation fit = new PolicyDistillation(pi, Adam.Config.defaults(), "t");
    List<DMatrixRMaj> g = new ArrayList<>();
    double loss = fit.klGradient(obs, p, g);
    DMatrixRMaj q = PolicyDistillation.probabilities(pi, obs, new Tape(), new ArrayList<>(),
        new DMatrixRMaj(1, 1));
    // by hand: dL/dz_k = (q_k − p_k)/m; W is S×A (in × out), so dW[s,a] = Σ_{k: s_k = s} dz_ka
    // and db[a] = Σ_k dz_ka; KL = (1/m) Σ_k Σ_a p log(p/q)
    int m = states.length;
    double[] dw = new double[S * A];
    double[] db = new double[A];
    double kl = 0;
    for (int k = 0; k < m; k++) {
      for (int a = 0; a < A; a++) {
        double dz = (q.get(k, a) - p.get(k, a)) / m;
        dw[states[k] * A + a] += dz;
        db[a] += dz;
        if (p.get(k, a) > 0) {
          kl += p.get(k, a) * Math.log(p.get(k, a) / q.get(k, a)) / m;
        }
      }
    }
    assertThat(pi.parameters().get(0).value().numRows).isEqualTo(S);
    assertClose(dw, g.get(0).data, TIGHT);
    assertClose(db, g.get(1).data, TIGHT);
    assertClose(kl, loss, TIGHT);
  }

  @Test
  void klSteps_freeLogits_convergeToTeacher() {
    CategoricalPolicy pi = student(5);
    int[] states = {0, 1, 2, 0, 1, 2};
    DMatrixRMaj obs = oneHots(states);
    DMatrixRMaj p = teacherRows(states);
    PolicyDistillation fit = new PolicyDistillation(pi,
        Adam.Config.defaults().withLearningRate(0.05), "t");
    double loss = Double.NaN;
    for (int it = 1; it <= 3000; it++) {
      loss = fit.klStep(obs, p, it);
    }
    DMatrixRMaj q = PolicyDistillation.probabilities(pi, oneHots(new int[] {0, 1, 2}),
        new Tape(), new ArrayList<>(), new DMatrixRMaj(1, 1));
    // the teacher's zero entry pulls its logit to −∞ only logarithmically: 1e-3 absorbs it
    // (measured max |q − p| 3.9e-4 at the zero entry, 1e-7 elsewhere, after 3000 steps)
    for (int s = 0; s < S; s++) {
      for (int a = 0; a < A; a++) {
        assertClose(TEACHER[s][a], q.get(s, a), 1e-3);
      }
    }
    assertThat(loss).isBetween(0.0, 1e-3);
  }

  @Test
  void nllSteps_freeLogits_convergeToEmpiricalFrequencies() {
    CategoricalPolicy pi = student(7);
    // state 0: actions 0,0,1,3 (freq 1/2, 1/4, 0, 1/4); state 1: 2,2,2,1 (0, 1/4, 3/4, 0)
    int[] states = {0, 0, 0, 0, 1, 1, 1, 1};
    int[] actions = {0, 0, 1, 3, 2, 2, 2, 1};
    DMatrixRMaj obs = oneHots(states);
    PolicyDistillation fit = new PolicyDistillation(pi,
        Adam.Config.defaults().withLearningRate(0.05), "t");
    double loss = Double.NaN;
    for (int it = 1; it <= 3000; it++) {
      loss = fit.nllStep(obs, null, actions, it);
    }
    DMatrixRMaj q = PolicyDistillation.probabilities(pi, oneHots(new int[] {0, 1}), new Tape(),
        new ArrayList<>(), new DMatrixRMaj(1, 1));
    double[] expected = {0.5, 0.25, 0, 0.25, 0, 0.25, 0.75, 0};
    assertClose(expected, q.data, 1e-3);
    // the minimum is the empirical conditional entropy Ĥ(A|S) = ½(1.5 ln 2) + ½ H(¼, ¾)
    double h = 0.5 * (1.5 * Math.log(2)) + 0.5 * -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
    // the loss is measured before each step, so it trails the minimum by a little
    assertClose(h, loss, 1e-3);
  }

  @Test
  void nonFiniteTeacher_namesIterationAndQuantity() {
    PolicyDistillation fit = new PolicyDistillation(student(1), Adam.Config.defaults(),
        "distral iteration");
    DMatrixRMaj p = teacherRows(new int[] {0});
    p.set(0, 1, Double.NaN);
    assertThatThrownBy(() -> fit.klStep(oneHots(new int[] {0}), p, 7))
        .isInstanceOf(ArithmeticException.class)
        .hasMessage("distral iteration 7: distillation loss is NaN");
  }

  @Test
  void klAndNllSteps_afterWarmUp_allocateNothing() {
    assumeTrue(AllocationMeter.supported());
    int[] states = {0, 1, 2, 0, 1, 2};
    int[] actions = {0, 1, 2, 3, 0, 1};
    DMatrixRMaj obs = oneHots(states);
    DMatrixRMaj p = teacherRows(states);
    PolicyDistillation fit = new PolicyDistillation(student(2), Adam.Config.defaults(), "t");
    long[] it = {0};
    Runnable body = () -> {
      it[0]++;
      fit.klStep(obs, p, it[0]);
      fit.nllStep(obs, null, actions, it[0]);
    };
    for (int w = 0; w < 20; w++) {
      body.run();
    }
    long[] windows = new long[3];
    double perCall = AllocationMeter.fewestBytesPerCall(body, 50, windows);
    assertThat(perCall).as("bytes per kl+nll step pair (windows %d, %d, %d)", windows[0],
        windows[1], windows[2]).isZero();
  }
}
