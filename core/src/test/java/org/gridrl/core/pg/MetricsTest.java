package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.TrainingListener;
import org.junit.jupiter.api.Test;

/**
 * Every key a policy-gradient algorithm emits is declared in {@link Metrics}, namespaced, and
 * listed in the algorithm's {@code METRICS}; and each algorithm emits all it lists.
 */
class MetricsTest {

  /** Every public String constant of {@link Metrics}. */
  static List<String> declaredConstants() throws IllegalAccessException {
    List<String> out = new ArrayList<>();
    for (Field f : Metrics.class.getDeclaredFields()) {
      if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())
          && Modifier.isPublic(f.getModifiers())) {
        out.add((String) f.get(null));
      }
    }
    return out;
  }

  @Test
  void everyConstant_isInAll_namespaced_andSpelledOnce() throws IllegalAccessException {
    List<String> constants = declaredConstants();
    assertThat(Metrics.ALL).containsExactlyInAnyOrderElementsOf(constants);
    assertThat(Metrics.ALL).doesNotHaveDuplicates();
    for (String key : Metrics.ALL) {
      assertThat(key).as("namespaced").contains("/");
      assertThat(key).matches("[a-z]+/[a-z0-9_]+");
    }
    assertThat(Metrics.ALL).contains("charts/episodic_length")
        .doesNotContain("charts/episode_length");
    for (List<String> m : List.of(Reinforce.METRICS, A2c.METRICS, Ppo.METRICS, Sac.METRICS)) {
      assertThat(Metrics.ALL).containsAll(m);
      assertThat(m).doesNotHaveDuplicates();
    }
  }

  @Test
  void updateStats_reportTheirKeysInOrder_eachWithItsValue() {
    List<String> seen = new ArrayList<>();
    TrainingListener l = (it, name, value) -> seen.add(it + " " + name + " " + value);
    UpdateStats score = new UpdateStats.ScoreFunction(1, 2, 3);
    score.report(l, 7);
    assertThat(seen).containsExactly("7 " + Metrics.ENTROPY + " 3.0",
        "7 " + Metrics.POLICY_LOSS + " 1.0", "7 " + Metrics.VALUE_LOSS + " 2.0");
    assertThat(score.keys()).containsExactly(Metrics.ENTROPY, Metrics.POLICY_LOSS,
        Metrics.VALUE_LOSS);
    seen.clear();
    UpdateStats ppo = new UpdateStats.PpoClip(1, 2, 3, 4, 5, 6);
    ppo.report(l, 8);
    assertThat(seen).containsExactly("8 " + Metrics.ENTROPY + " 3.0",
        "8 " + Metrics.POLICY_LOSS + " 1.0", "8 " + Metrics.VALUE_LOSS + " 2.0",
        "8 " + Metrics.APPROX_KL + " 4.0", "8 " + Metrics.CLIP_FRACTION + " 5.0");
    assertThat(ppo.keys()).containsExactly(Metrics.ENTROPY, Metrics.POLICY_LOSS,
        Metrics.VALUE_LOSS, Metrics.APPROX_KL, Metrics.CLIP_FRACTION);
  }

  @Test
  void onPolicyAlgorithms_emitExactlyTheirDeclaredKeys() {
    TabularMdp mdp = OnPolicyGoldenTest.chain(4);
    MetricsRecorder reinforce = new MetricsRecorder();
    Reinforce.train(OnPolicyGoldenTest.sampler(mdp, 2, 10),
        ReinforceConfig.defaults().with(b -> b.iterations(3).hidden(List.of(8))), reinforce);
    assertEmitted(reinforce, Reinforce.METRICS);
    MetricsRecorder a2c = new MetricsRecorder();
    A2c.train(OnPolicyGoldenTest.sampler(mdp, 2, 10),
        A2cConfig.defaults().with(b -> b.iterations(10).hidden(List.of(8))), a2c);
    assertEmitted(a2c, A2c.METRICS);
    MetricsRecorder ppo = new MetricsRecorder();
    Ppo.train(OnPolicyGoldenTest.sampler(mdp, 2, 10),
        PpoConfig.defaults().with(b -> b.iterations(2).stepsPerEnv(16).minibatchSize(8)
            .hidden(List.of(8))), ppo);
    assertEmitted(ppo, Ppo.METRICS);
  }

  @Test
  void sac_emitsExactlyItsDeclaredKeys() {
    MetricsRecorder sac = new MetricsRecorder();
    SacConfig c = SacTest.small(1).with(b -> b.totalSteps(240).learningStarts(150).batchSize(16)
        .logEvery(50));
    Sac.train(new PointToZero(), c,
        new Sac.Evaluation(new PointToZero(0.5), 100, 0, PointToZero.HORIZON), sac);
    assertEmitted(sac, Sac.METRICS);
  }

  /** The keys recorded are namespaced, declared, and exactly {@code declared}. */
  static void assertEmitted(MetricsRecorder rec, List<String> declared) {
    Set<String> keys = new LinkedHashSet<>();
    for (MetricsRecorder.Row row : rec.rows()) {
      keys.addAll(row.values().keySet());
    }
    for (String key : keys) {
      assertThat(key).as("namespaced").contains("/");
      assertThat(Metrics.ALL).as("declared in Metrics").contains(key);
    }
    assertThat(keys).containsExactlyInAnyOrderElementsOf(declared);
  }
}
