package org.gridrl.core.optim;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.util.Check;

/**
 * Stochastic gradient descent with (heavy-ball) momentum: v ← μ·v + g, θ ← θ − η·v; with
 * μ = 0 it is plain θ ← θ − η·g (the PyTorch convention, v starts at 0).
 */
public final class Sgd implements Optimizer {

  /**
   * Hyperparameters. Vary them with the generated {@code withLearningRate(η)},
   * {@code withMomentum(μ)} or {@code with(b -> ...)}.
   *
   * @param learningRate η ≥ 0, finite (0.01)
   * @param momentum μ in [0, 1) (0: plain gradient descent)
   */
  @RecordBuilder
  public record Config(double learningRate, double momentum) implements SgdConfigBuilder.With {
    /** Validates every field; messages name the value. */
    public Config {
      Optimizer.checkLearningRate(learningRate);
      Check.unitIntervalOpen("momentum", momentum);
    }

    /** η = 0.01, no momentum. */
    public static Config defaults() {
      return new Config(0.01, 0.0);
    }
  }

  private final List<DMatrixRMaj> params;
  private final List<DMatrixRMaj> velocity = new ArrayList<>();
  private final double momentum;
  private double learningRate;

  /**
   * An optimiser for the given parameters.
   *
   * @param params the matrices to update. Modified by {@link #step}.
   * @param config hyperparameters
   */
  public Sgd(List<DMatrixRMaj> params, Config config) {
    this.params = List.copyOf(params);
    this.learningRate = config.learningRate();
    this.momentum = config.momentum();
    for (DMatrixRMaj p : params) {
      velocity.add(new DMatrixRMaj(p.numRows, p.numCols));
    }
  }

  @Override
  public void step(List<DMatrixRMaj> grads) {
    Optimizer.checkShapes(params, grads);
    final double lr = learningRate;
    final double mu = momentum;
    for (int i = 0; i < params.size(); i++) {
      double[] p = params.get(i).data;
      double[] g = grads.get(i).data;
      double[] v = velocity.get(i).data;
      int n = params.get(i).getNumElements();
      if (mu == 0) {
        for (int k = 0; k < n; k++) {
          p[k] -= lr * g[k];
        }
      } else {
        for (int k = 0; k < n; k++) {
          v[k] = mu * v[k] + g[k];
          p[k] -= lr * v[k];
        }
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
