package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.PolicyTables;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

class TaskIdPolicyTest {

  private static final int STATES = 5;
  private static final int TASKS = 3;

  /**
   * PolicyTables on task k's view over one-hot states is the table of the shared policy on
   * [e_s, e_k], bit for bit: the view's own forward (which widens) sizes the table, not the
   * shared trunk (which expects the id).
   */
  @Test
  void policyTableOfTheView_isTheSharedPolicyTableWithTheIdAppended() {
    CategoricalPolicy shared = CategoricalPolicy.mlp(STATES + TASKS, new int[] {8}, 4, new Rng(3));
    for (int k = 0; k < TASKS; k++) {
      int task = k;
      TabularPolicy view = PolicyTables.policy(new TaskIdPolicy(shared, k, TASKS), STATES,
          ObservationEncoder.oneHot(STATES));
      TabularPolicy direct = PolicyTables.policy(shared, STATES, (s, out, offset) -> {
        Arrays.fill(out, offset, offset + STATES + TASKS, 0.0);
        out[offset + s] = 1.0;
        out[offset + STATES + task] = 1.0;
      });
      assertThat(view.numActions()).isEqualTo(4);
      for (int s = 0; s < STATES; s++) {
        for (int a = 0; a < 4; a++) {
          assertThat(view.probability(s, a)).isEqualTo(direct.probability(s, a));
        }
      }
    }
  }
}
