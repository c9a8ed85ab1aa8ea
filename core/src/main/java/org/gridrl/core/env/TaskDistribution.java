package org.gridrl.core.env;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.util.Rng;

/**
 * A distribution p(T) over tasks, the object multi-task and meta-RL algorithms train on: a task
 * may be an {@link Env}, a {@link org.gridrl.core.mdp.TabularMdp}, or any description an
 * algorithm can turn into one.
 *
 * @param <T> the task type
 */
public interface TaskDistribution<T> {

  /**
   * Draws one task T ~ p(T).
   *
   * @param rng the only source of randomness. Modified (advanced).
   */
  T sample(Rng rng);

  /**
   * Draws n tasks independently, in order, from the same generator.
   *
   * @param n number of tasks, ≥ 0
   * @param rng the only source of randomness. Modified (advanced).
   */
  default List<T> sample(int n, Rng rng) {
    if (n < 0) {
      throw new IllegalArgumentException("number of tasks must be >= 0, got " + n);
    }
    List<T> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tasks.add(sample(rng));
    }
    return tasks;
  }
}
