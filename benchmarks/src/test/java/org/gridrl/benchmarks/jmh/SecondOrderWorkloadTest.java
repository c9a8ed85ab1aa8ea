package org.gridrl.benchmarks.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.util.AllocationMeter;
import org.junit.jupiter.api.Test;

class SecondOrderWorkloadTest {

  private static List<DMatrixRMaj> shifted(List<DMatrixRMaj> theta, List<DMatrixRMaj> dir,
      double eps) {
    List<DMatrixRMaj> s = new ArrayList<>();
    for (int k = 0; k < theta.size(); k++) {
      DMatrixRMaj m = theta.get(k).copy();
      for (int i = 0; i < m.data.length; i++) {
        m.data[i] += eps * dir.get(k).data[i];
      }
      s.add(m);
    }
    return s;
  }

  private static double maxAbs(List<DMatrixRMaj> a) {
    double m = 0;
    for (DMatrixRMaj x : a) {
      for (double v : x.data) {
        m = Math.max(m, Math.abs(v));
      }
    }
    return m;
  }

  /** max over entries of |a − b| / (1 + max |b|). */
  private static double relError(List<DMatrixRMaj> a, List<DMatrixRMaj> b) {
    double e = 0;
    for (int k = 0; k < a.size(); k++) {
      for (int i = 0; i < a.get(k).data.length; i++) {
        e = Math.max(e, Math.abs(a.get(k).data[i] - b.get(k).data[i]));
      }
    }
    return e / (1 + maxAbs(b));
  }

  @Test
  void hvp_yardstickShapes_equalsCentralDifferencesOfTheGradient() {
    // H v ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε, error O(ε²)
    SecondOrderWorkload w = SecondOrderWorkload.yardstick(0);
    w.hvp();
    List<DMatrixRMaj> hv = w.lastResult();
    double eps = 1e-5;
    List<DMatrixRMaj> plus = w.innerGradient(shifted(w.parameters(), w.direction(), eps));
    List<DMatrixRMaj> minus = w.innerGradient(shifted(w.parameters(), w.direction(), -eps));
    List<DMatrixRMaj> fd = new ArrayList<>();
    for (int k = 0; k < plus.size(); k++) {
      DMatrixRMaj d = plus.get(k).copy();
      for (int i = 0; i < d.data.length; i++) {
        d.data[i] = (plus.get(k).data[i] - minus.get(k).data[i]) / (2 * eps);
      }
      fd.add(d);
    }
    assertThat(maxAbs(hv)).isGreaterThan(1e-2); // not trivially zero
    assertThat(relError(hv, fd)).isLessThan(1e-7);
  }

  @Test
  void maml_tinyNetwork_equalsFiniteDifferencesOfThePostUpdateLoss_everyEntry() {
    // 3 → 4 → 4 → 2, batch 6: ∂F/∂θ_i by central differences for every parameter entry
    SecondOrderWorkload w = new SecondOrderWorkload(new int[] {3, 4, 4, 2}, 6, 5);
    for (DMatrixRMaj p : w.parameters()) { // non-zero biases, so every term is exercised
      if (p.numRows == 1) {
        for (int i = 0; i < p.data.length; i++) {
          p.data[i] = 0.1 * (i % 3 - 1) + 0.05;
        }
      }
    }
    w.maml();
    List<DMatrixRMaj> meta = w.lastResult();
    w.firstOrderMaml();
    List<DMatrixRMaj> first = w.lastResult();
    double eps = 1e-6;
    List<DMatrixRMaj> theta = w.parameters();
    double maxErr = 0;
    double secondOrderTerm = 0;
    for (int k = 0; k < theta.size(); k++) {
      DMatrixRMaj p = theta.get(k);
      for (int i = 0; i < p.data.length; i++) {
        double v = p.data[i];
        p.data[i] = v + eps;
        double fp = w.postUpdateLoss(theta);
        p.data[i] = v - eps;
        double fm = w.postUpdateLoss(theta);
        p.data[i] = v;
        double fd = (fp - fm) / (2 * eps);
        maxErr = Math.max(maxErr, Math.abs(meta.get(k).data[i] - fd));
        secondOrderTerm = Math.max(secondOrderTerm,
            Math.abs(meta.get(k).data[i] - first.get(k).data[i]));
      }
    }
    assertThat(maxErr).isLessThan(1e-8);
    // the first-order meta-gradient misses the Hessian term by far more than that error
    assertThat(secondOrderTerm).isGreaterThan(1e-4);
  }

  @Test
  void maml_yardstickShapes_directionalDerivativeMatchesFiniteDifferences() {
    // ⟨∇F(θ), v⟩ ≈ (F(θ + εv) − F(θ − εv)) / 2ε on the benchmarked shapes
    SecondOrderWorkload w = SecondOrderWorkload.yardstick(0);
    w.maml();
    List<DMatrixRMaj> meta = w.lastResult();
    double dot = 0;
    for (int k = 0; k < meta.size(); k++) {
      for (int i = 0; i < meta.get(k).data.length; i++) {
        dot += meta.get(k).data[i] * w.direction().get(k).data[i];
      }
    }
    double eps = 1e-5;
    double fd = (w.postUpdateLoss(shifted(w.parameters(), w.direction(), eps))
        - w.postUpdateLoss(shifted(w.parameters(), w.direction(), -eps))) / (2 * eps);
    assertThat(Math.abs(dot - fd)).isLessThan(1e-7 * (1 + Math.abs(fd)));
  }

  @Test
  void replayedCalls_giveTheSameBits() {
    SecondOrderWorkload w = SecondOrderWorkload.yardstick(1);
    double h = w.hvp();
    double m = w.maml();
    w.grad();
    w.firstOrderMaml();
    assertThat(w.hvp()).isEqualTo(h);
    assertThat(w.maml()).isEqualTo(m);
  }

  @Test
  void replayedSecondOrderPasses_allocateNothing() {
    // the tape pools every node and buffer, and the workload's gradient lists are reused: after
    // one pass of each kind, a Hessian-vector product and a meta-gradient allocate 0 bytes
    assumeTrue(AllocationMeter.supported());
    SecondOrderWorkload w = SecondOrderWorkload.yardstick(2);
    for (int i = 0; i < 3; i++) {
      w.grad();
      w.hvp();
      w.maml();
      w.firstOrderMaml();
    }
    long[] windows = new long[4];
    double bytes = AllocationMeter.fewestBytesPerCall(() -> {
      w.hvp();
      w.maml();
      w.grad();
      w.firstOrderMaml();
    }, 3, windows);
    assertThat(bytes).as("bytes per window %s", java.util.Arrays.toString(windows)).isZero();
  }
}
