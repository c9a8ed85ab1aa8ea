package org.gridrl.irl;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.util.TrainingListener;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;

/**
 * Every metric key an IRL method emits is declared in {@link Metrics} and namespaced, and every
 * declared key is emitted by some method: each method runs briefly with a listener that records
 * the keys.
 */
class MetricsTest extends IrlTestBase {

  /** Records every key it is sent, in order of first arrival. */
  private static final class KeyRecorder implements TrainingListener {
    final Set<String> keys = new LinkedHashSet<>();

    @Override
    public void onScalar(long iteration, String name, double value) {
      keys.add(name);
    }
  }

  private static IrlProblem problem() {
    TabularMdp mdp = randomMdp(21, 6, 2, 2, 0.8, 1);
    StateFeatures phi = randomFeatures(22, 6, 3);
    TabularPolicy expert = SoftValueIteration.solve(
        mdp.withStateRewards(phi.linear(new double[] {1, -1, 0.3}, null))).policy();
    return IrlProblem.of(mdp, phi, Demonstrations.sample(mdp, expert, 20, 5, 23), 5,
        IrlProblem.Start.INIT);
  }

  @Test
  void everyEmittedKey_isDeclaredAndNamespaced_andEveryDeclaredKeyIsEmitted() {
    IrlProblem p = problem();
    List<Set<String>> emitted = new ArrayList<>();
    for (MaxEntObjective.Horizon h : MaxEntObjective.Horizon.values()) {
      KeyRecorder maxEnt = new KeyRecorder();
      MaxEntIrl.train(p, MaxEntIrlConfig.defaults().with(b -> b.horizon(h).maxIterations(3)),
          maxEnt);
      emitted.add(maxEnt.keys);
      KeyRecorder deep = new KeyRecorder();
      DeepMaxEntIrl.train(p, DeepMaxEntIrlConfig.defaults().with(b -> b.horizon(h)
          .maxIterations(3)), deep);
      emitted.add(deep.keys);
    }
    for (MaxMarginConfig.Method m : MaxMarginConfig.Method.values()) {
      KeyRecorder mm = new KeyRecorder();
      MaxMarginIrl.train(p, MaxMarginConfig.defaults(m).withMaxIterations(3), mm);
      emitted.add(mm.keys);
    }
    Set<String> all = new LinkedHashSet<>();
    for (Set<String> keys : emitted) {
      assertThat(keys).isNotEmpty();
      for (String k : keys) {
        assertThat(k).startsWith(Metrics.NAMESPACE);
        assertThat(Metrics.ALL).as("declared in irl.Metrics").contains(k);
      }
      all.addAll(keys);
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(Metrics.ALL);
    // the MaxEnt family's rows, in order
    assertThat(emitted.get(0)).containsExactly(Metrics.DUAL, Metrics.LOG_LIKELIHOOD,
        Metrics.FEATURE_GAP, Metrics.GRADIENT_NORM);
    assertThat(emitted.get(1)).isEqualTo(emitted.get(0));
    // structured max-margin's, in order: its stopping quantity last
    assertThat(emitted.get(emitted.size() - 1)).containsExactly(Metrics.OBJECTIVE, Metrics.SLACK,
        Metrics.FEATURE_GAP, Metrics.GRADIENT_NORM);
  }

  @Test
  void everyKeyConstant_isInAll_onceAndNamespaced() throws IllegalAccessException {
    List<String> constants = new ArrayList<>();
    for (Field f : Metrics.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
          && !f.getName().equals("NAMESPACE")) {
        constants.add((String) f.get(null));
      }
    }
    assertThat(constants).doesNotHaveDuplicates().allMatch(k -> k.startsWith("irl/")
        && k.length() > "irl/".length() && k.equals(k.toLowerCase(java.util.Locale.ROOT)));
    assertThat(Metrics.ALL).containsExactlyInAnyOrderElementsOf(constants);
  }
}
