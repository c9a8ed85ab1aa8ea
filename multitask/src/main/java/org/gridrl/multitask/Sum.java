package org.gridrl.multitask;

/**
 * The plain summed gradient d = Σ_k g_k: what one backward pass of the summed multi-task loss
 * gives, the baseline every other combiner is measured against.
 */
public final class Sum implements GradientCombiner {

  @Override
  public void combine(double[][] taskGradients, int numTasks, int dim, double[] out) {
    Combiners.check(taskGradients, numTasks, dim, out);
    System.arraycopy(taskGradients[0], 0, out, 0, dim);
    for (int k = 1; k < numTasks; k++) {
      double[] gk = taskGradients[k];
      for (int j = 0; j < dim; j++) {
        out[j] += gk[j];
      }
    }
  }

  @Override
  public String name() {
    return "sum";
  }
}
