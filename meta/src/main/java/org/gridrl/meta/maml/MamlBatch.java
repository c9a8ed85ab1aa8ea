package org.gridrl.meta.maml;

import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Returns;
import org.gridrl.core.util.Check;

/**
 * What the MAML surrogate J(θ) = (1/m) Σ_i log π_θ(a_i|s_i) Â_i needs of one task's batch: the
 * states, the actions and the advantages, which are constants of θ.
 *
 * @param observations s_i, m × obsDim
 * @param actions a_i, m × actionDim for a continuous policy, null for a discrete one
 * @param actionIndices the discrete a_i, or null for a continuous policy
 * @param advantages Â_i, m × 1
 */
public record MamlBatch(DMatrixRMaj observations, DMatrixRMaj actions, int[] actionIndices,
    DMatrixRMaj advantages) {

  /** Checks the shapes agree and exactly one of the action forms is given. */
  public MamlBatch {
    Check.notNull("observations", observations);
    Check.notNull("advantages", advantages);
    int m = observations.numRows;
    Check.argument(m >= 1, "a batch needs at least one step");
    Check.argument(advantages.numRows == m && advantages.numCols == 1,
        "advantages must be %s×1, got %s×%s", m, advantages.numRows, advantages.numCols);
    Check.argument((actions == null) != (actionIndices == null),
        "give either continuous actions or discrete action indices, not both or neither");
    Check.argument(actions == null || actions.numRows == m, "actions must have %s rows, got %s",
        m, actions == null ? 0 : actions.numRows);
    Check.argument(actionIndices == null || actionIndices.length == m,
        "actionIndices must have length %s, got %s", m,
        actionIndices == null ? 0 : actionIndices.length);
  }

  /** Number of steps m. */
  public int size() {
    return observations.numRows;
  }

  /**
   * The batch of sampled steps with Â_t = G_t − b(s_t) (or G_t), G_t the discounted reward-to-go
   * without bootstrap (rllab's {@code discount_cumsum} of the path's rewards), b the
   * {@link LinearFeatureBaseline} fitted to this batch, then standardised,
   * (Â − mean Â)/(std Â + 1e-8) with the population std (rllab's {@code center_advantages}).
   *
   * @param batch whole episodes of one task. Not modified.
   */
  public static MamlBatch of(Batch batch, double gamma, boolean linearBaseline,
      boolean normalize) {
    int n = batch.size();
    double[] g = Returns.rewardToGo(batch.rewards(), batch.terminated(), batch.last(), null,
        gamma, null);
    double[] adv = g.clone();
    if (linearBaseline) {
      double[] b = LinearFeatureBaseline.fitPredict(batch, g, null);
      for (int t = 0; t < n; t++) {
        adv[t] -= b[t];
      }
    }
    if (normalize) {
      double mean = 0;
      for (double a : adv) {
        mean += a;
      }
      mean /= n;
      double var = 0;
      for (double a : adv) {
        var += (a - mean) * (a - mean);
      }
      double std = Math.sqrt(var / n);
      for (int t = 0; t < n; t++) {
        adv[t] = (adv[t] - mean) / (std + 1e-8);
      }
    }
    DMatrixRMaj obs = DMatrixRMaj.wrap(n, batch.observationDim(), batch.observations());
    boolean discrete = batch.discrete();
    DMatrixRMaj act = discrete ? null : DMatrixRMaj.wrap(n, batch.actionDim(), batch.actions());
    return new MamlBatch(obs, act, discrete ? batch.actionIndices() : null,
        DMatrixRMaj.wrap(n, 1, adv));
  }
}
