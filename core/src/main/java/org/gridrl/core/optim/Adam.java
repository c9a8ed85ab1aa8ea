package org.gridrl.core.optim;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.util.Check;

/**
 * Adam (Kingma &amp; Ba 2015): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², m̂ = m/(1−β₁ᵗ),
 * v̂ = v/(1−β₂ᵗ), θ ← θ − η·m̂/(√v̂ + ε).
 */
public final class Adam implements Optimizer {

  /**
   * Hyperparameters (PyTorch's defaults but the step size). Vary them with the generated
   * {@code withLearningRate(η)} and friends, or {@code with(b -> b.beta1(0.5).beta2(0.9))}.
   *
   * @param learningRate η ≥ 0, finite (3e-4)
   * @param beta1 β₁ in [0, 1) (0.9)
   * @param beta2 β₂ in [0, 1) (0.999)
   * @param epsilon ε &gt; 0, added to √v̂ (1e-8)
   */
  @RecordBuilder
  public record Config(double learningRate, double beta1, double beta2, double epsilon)
      implements AdamConfigBuilder.With {
    /** Validates every field; messages name the value. */
    public Config {
      Optimizer.checkLearningRate(learningRate);
      Check.unitIntervalOpen("beta1", beta1);
      Check.unitIntervalOpen("beta2", beta2);
      Check.positive("epsilon", epsilon);
    }

    /** η = 3e-4, β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public static Config defaults() {
      return new Config(3e-4, 0.9, 0.999, 1e-8);
    }
  }

  private final List<DMatrixRMaj> params;
  private final List<DMatrixRMaj> m = new ArrayList<>();
  private final List<DMatrixRMaj> v = new ArrayList<>();
  private final Config config;
  private double learningRate;
  private long t;

  /**
   * An optimiser for the given parameters.
   *
   * @param params the matrices to update. Modified by {@link #step}.
   * @param config hyperparameters
   */
  public Adam(List<DMatrixRMaj> params, Config config) {
    this.params = List.copyOf(params);
    this.config = config;
    this.learningRate = config.learningRate();
    for (DMatrixRMaj p : params) {
      m.add(new DMatrixRMaj(p.numRows, p.numCols));
      v.add(new DMatrixRMaj(p.numRows, p.numCols));
    }
  }

  /** Number of steps taken. */
  public long steps() {
    return t;
  }

  @Override
  public void step(List<DMatrixRMaj> grads) {
    Optimizer.checkShapes(params, grads);
    t++;
    final double b1 = config.beta1();
    final double b2 = config.beta2();
    final double eps = config.epsilon();
    final double c1 = 1.0 / (1.0 - Math.pow(b1, t));
    final double c2 = 1.0 / (1.0 - Math.pow(b2, t));
    final double lr = learningRate;
    for (int i = 0; i < params.size(); i++) {
      double[] p = params.get(i).data;
      double[] g = grads.get(i).data;
      double[] mi = m.get(i).data;
      double[] vi = v.get(i).data;
      for (int k = 0, n = params.get(i).getNumElements(); k < n; k++) {
        double gk = g[k];
        mi[k] = b1 * mi[k] + (1 - b1) * gk;
        vi[k] = b2 * vi[k] + (1 - b2) * gk * gk;
        p[k] -= lr * (mi[k] * c1) / (Math.sqrt(vi[k] * c2) + eps);
      }
    }
  }

  @Override
  public double learningRate() {
    return learningRate;
  }

  @Override
  public void setLearningRate(double learningRate) {
    this.learningRate = Optimizer.checkLearningRate(learningRate);
  }
}
