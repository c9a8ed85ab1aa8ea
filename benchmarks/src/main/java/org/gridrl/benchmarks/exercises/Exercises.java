package org.gridrl.benchmarks.exercises;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The exercises, numbered in the lecture's order (issue 17's list: 1 the soft Bellman backup, 2
 * the discounted visitation, 3 the MaxEnt gradient, 4 the deep MaxEnt backward step, 5 GAE, 6 the
 * PPO clipped surrogate, 7 the AIRL discriminator, 8 the PCGrad projection, 9 the Distral prior
 * update, 10 the Gittins index, 11 the MAML inner step, 12 the product-of-Gaussians posterior).
 */
public final class Exercises {

  private static final List<Exercise<?>> ALL = List.of(PlanningExercises.softBellmanBackup(),
      PlanningExercises.discountedVisitation(), IrlExercises.maxEntGradient(),
      IrlExercises.deepMaxEntBackward(), PgExercises.gae(), PpoExercises.ppoClip(),
      AirlExercises.airlDiscriminator(), MultitaskExercises.pcGrad(),
      MultitaskExercises.distralPrior(), MetaExercises.gittinsIndex(),
      MamlExercises.mamlMetaGradient(), MetaExercises.productOfGaussians());

  private Exercises() {
  }

  /** Every exercise, by number. */
  public static List<Exercise<?>> all() {
    return ALL;
  }

  /** Exercise {@code n}, if there is one. */
  public static Optional<Exercise<?>> byNumber(int n) {
    return ALL.stream().filter(e -> e.number() == n).findFirst();
  }

  /**
   * The statement of an exercise: docs/exercises/NN-slug.md, packaged in the jar under
   * {@code exercises/}.
   *
   * @throws IllegalStateException if the page is missing from the build
   */
  public static String statement(Exercise<?> e) {
    try (InputStream in = Exercises.class.getResourceAsStream("/exercises/" + e.page())) {
      if (in == null) {
        throw new IllegalStateException("the statement " + e.page() + " is not in this build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new IllegalStateException("cannot read the statement " + e.page() + ": " + ex, ex);
    }
  }
}
