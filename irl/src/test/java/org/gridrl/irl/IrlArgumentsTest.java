package org.gridrl.irl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.irl.metrics.IrlMetrics;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;

/**
 * The entry points a library user calls first ({@link Demonstrations#sample},
 * {@link Demonstrations#of}, {@link IrlProblem#of}, {@link IrlMetrics#expectedValueDifference})
 * reject a null argument with "NAME must not be null", an {@link IllegalArgumentException} like
 * every other bad argument here, instead of a NullPointerException whose message is only the
 * parameter's name (or none).
 */
class IrlArgumentsTest extends IrlTestBase {

  private static final TabularMdp MDP = randomMdp(1, 4, 2, 2, 0.9, 0);
  private static final TabularPolicy PI = TabularPolicy.uniform(4, 2);
  private static final StateFeatures PHI = StateFeatures.identity(4);
  private static final Demonstrations DEMOS = Demonstrations.sample(MDP, PI, 3, 5, 7);

  @Test
  void sample_nullArguments_areNamed() {
    assertThatThrownBy(() -> Demonstrations.sample(null, PI, 3, 5, 7))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("mdp must not be null");
    assertThatThrownBy(() -> Demonstrations.sample(MDP, null, 3, 5, 7))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("pi must not be null");
    assertThatThrownBy(() -> Demonstrations.sample(MDP, PI, 3, 5, null, 7))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("d0 must not be null");
  }

  @Test
  void of_nullArrays_areNamed() {
    assertThatThrownBy(() -> Demonstrations.of(4, 2, null, new int[][] {{0}}))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("states must not be null");
    assertThatThrownBy(() -> Demonstrations.of(4, 2, new int[][] {{0}}, null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("actions must not be null");
  }

  @Test
  void problem_nullArguments_areNamed() {
    assertThatThrownBy(() -> IrlProblem.of(null, PHI, DEMOS))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("mdp must not be null");
    assertThatThrownBy(() -> IrlProblem.of(MDP, null, DEMOS))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("features must not be null");
    assertThatThrownBy(() -> IrlProblem.of(MDP, PHI, null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("demos must not be null");
    assertThatThrownBy(() -> IrlProblem.of(MDP, PHI, DEMOS, 5, null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("start must not be null");
  }

  @Test
  void expectedValueDifference_nullArguments_areNamed() {
    assertThatThrownBy(() -> IrlMetrics.expectedValueDifference(null, new double[4]))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("trueMdp must not be null");
    assertThatThrownBy(() -> IrlMetrics.expectedValueDifference(MDP, (double[]) null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("learnedStateReward must not be null");
    assertThatThrownBy(() -> IrlMetrics.expectedValueDifference(MDP, (TabularPolicy) null))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("pi must not be null");
  }
}
