package org.gridrl.core.env;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link Env#step}: o_{t+1}, r_t and whether the episode ended, by reaching a
 * terminal state ({@code terminated}) or by being cut short ({@code truncated}, e.g. a time
 * limit). Both may be true at once.
 *
 * @param observation o_{t+1}
 * @param reward r_t, the reward of the action just taken
 * @param terminated the next state is terminal: the return after it is 0
 * @param truncated the episode was cut short: the next state may still have value
 * @param info extra diagnostics (never null; {@code Map.of()} when none)
 * @param <O> observation type
 */
public record Step<O>(O observation, double reward, boolean terminated, boolean truncated,
    Map<String, Object> info) {

  /** Requires a non-null info map. */
  public Step {
    Objects.requireNonNull(info, "info must not be null (use Map.of())");
  }

  /** A step without diagnostics. */
  public Step(O observation, double reward, boolean terminated, boolean truncated) {
    this(observation, reward, terminated, truncated, Map.of());
  }

  /** Whether the episode ended: {@code terminated || truncated}. */
  public boolean done() {
    return terminated || truncated;
  }

  /** This step with {@code truncated} set (the time-limit wrapper's mark). */
  public Step<O> withTruncated(boolean value) {
    return value == truncated ? this : new Step<>(observation, reward, terminated, value, info);
  }
}
