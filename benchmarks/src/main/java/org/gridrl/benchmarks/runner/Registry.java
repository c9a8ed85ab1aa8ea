package org.gridrl.benchmarks.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The experiments {@code gridrl list} shows and {@code gridrl run} runs, in registration order. */
public final class Registry {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final List<Experiment<?>> experiments = new ArrayList<>();

  /**
   * Adds an experiment.
   *
   * @throws IllegalArgumentException if the name is malformed or already taken
   */
  public Registry register(Experiment<?> experiment) {
    String name = experiment.name();
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("experiment name must be lower case letters, digits and"
          + " '-', got '" + name + "'");
    }
    if (find(name).isPresent()) {
      throw new IllegalArgumentException("experiment '" + name + "' is registered twice");
    }
    experiments.add(experiment);
    return this;
  }

  /** Every experiment, in registration order. */
  public List<Experiment<?>> experiments() {
    return Collections.unmodifiableList(experiments);
  }

  /** The names, in registration order. */
  public List<String> names() {
    return experiments.stream().map(Experiment::name).toList();
  }

  /** The experiment called {@code name}, if any. */
  public Optional<Experiment<?>> find(String name) {
    return experiments.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
