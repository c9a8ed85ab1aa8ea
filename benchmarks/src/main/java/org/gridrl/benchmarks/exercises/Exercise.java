package org.gridrl.benchmarks.exercises;

import java.util.List;
import java.util.function.Function;

/**
 * One graded exercise: the interface a student implements and the seeded cases the
 * {@link Grader} runs it on, each compared with the library's answer.
 *
 * @param number its number, the NN of docs/exercises/NN-slug.md
 * @param slug the page's name after the number ("soft-bellman-backup")
 * @param title a one-line title
 * @param api the interface a solution implements
 * @param cases the cases from a seed (the grader's seed; the same seed gives the same cases)
 * @param <S> the interface
 */
public record Exercise<S>(int number, String slug, String title, Class<S> api,
    Function<Long, List<Case<S>>> cases) {

  /**
   * One case: a name saying what it is ("S=5 A=3 γ=0.9 τ=1e-4, terminals") and the check of a
   * solution against the library on it.
   */
  public record Case<S>(String name, Function<S, Verdict> check) {
  }

  /** The statement's file name in docs/exercises ("01-soft-bellman-backup.md"). */
  public String page() {
    return String.format(java.util.Locale.ROOT, "%02d-%s.md", number, slug);
  }
}
