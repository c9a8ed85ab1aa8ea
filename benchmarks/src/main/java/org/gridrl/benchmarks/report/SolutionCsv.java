package org.gridrl.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.gridrl.benchmarks.runner.AtomicFiles;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.Numbers;

/**
 * Writes a solution as three CSV files in full double precision (the shortest text that parses
 * back to the same double, {@link Numbers#shortest}): {@code values.csv} ({@code state,value}),
 * {@code q.csv} ({@code state,action,q}, Q at index s·A + a) and {@code policy.csv} ({@code
 * state,action,probability}). States and actions are 0-based indices, rows in index order. Each
 * file is written whole or not at all (a temporary file renamed over it, {@link AtomicFiles}); a
 * directory in the way of one of them is refused before any is written, never deleted.
 */
public final class SolutionCsv {

  /** The file names written, in order. */
  public static final List<String> FILES = List.of("values.csv", "q.csv", "policy.csv");

  private SolutionCsv() {
  }

  /**
   * Writes {@code prefix + values.csv}, {@code prefix + q.csv} and {@code prefix + policy.csv}
   * into {@code dir} (created if missing), each through a temporary file and an atomic rename.
   *
   * @param v V(s), length S. Not modified.
   * @param q Q(s,a) row-major, length S·A. Not modified.
   * @param pi π(a|s), S×A. Not modified.
   * @param dir the folder
   * @param prefix prepended to each file name ("" for none)
   * @return the three files
   * @throws IOException naming the file if one cannot be written (a directory of that name
   *     included; nothing is written then)
   */
  public static List<Path> write(double[] v, double[] q, TabularPolicy pi, Path dir,
      String prefix) throws IOException {
    int numStates = pi.numStates();
    int numActions = pi.numActions();
    if (v.length != numStates || q.length != numStates * numActions) {
      throw new IllegalArgumentException("v and q must have lengths S = " + numStates
          + " and S*A = " + numStates * numActions + ", got " + v.length + " and " + q.length);
    }
    Path values = dir.resolve(prefix + FILES.get(0));
    Path qFile = dir.resolve(prefix + FILES.get(1));
    Path policy = dir.resolve(prefix + FILES.get(2));
    for (Path f : List.of(values, qFile, policy)) { // refused before anything is written
      AtomicFiles.checkTarget(f);
    }
    AtomicFiles.writeText(values, w -> {
      w.write("state,value\n");
      for (int s = 0; s < numStates; s++) {
        w.write(s + "," + Numbers.shortest(v[s]) + "\n");
      }
    });
    AtomicFiles.writeText(qFile, w -> {
      w.write("state,action,q\n");
      for (int s = 0; s < numStates; s++) {
        for (int a = 0; a < numActions; a++) {
          w.write(s + "," + a + "," + Numbers.shortest(q[s * numActions + a]) + "\n");
        }
      }
    });
    AtomicFiles.writeText(policy, w -> {
      w.write("state,action,probability\n");
      for (int s = 0; s < numStates; s++) {
        for (int a = 0; a < numActions; a++) {
          w.write(s + "," + a + "," + Numbers.shortest(pi.probability(s, a)) + "\n");
        }
      }
    });
    return List.of(values, qFile, policy);
  }
}
