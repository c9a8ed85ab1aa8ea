package org.gridrl.core.mdp;

import java.util.Arrays;
import java.util.List;

/**
 * State features φ(s) ∈ R^k for S states: an S×k matrix stored row-major
 * ({@code phi[s * k + i]}), finite, immutable, with a name per column.
 */
public final class StateFeatures {

  private final int numStates;
  private final int numFeatures;
  private final double[] phi;
  private final List<String> names;

  private StateFeatures(int numStates, int numFeatures, double[] phi, List<String> names) {
    this.numStates = numStates;
    this.numFeatures = numFeatures;
    this.phi = phi;
    this.names = names;
  }

  /**
   * Features from a row-major table with columns named f0, f1, ...
   *
   * @param phi φ_i(s) at index s·k + i, length S·k, finite. Not modified (copied).
   */
  public static StateFeatures of(int numStates, int numFeatures, double[] phi) {
    String[] names = new String[numFeatures];
    for (int i = 0; i < numFeatures; i++) {
      names[i] = "f" + i;
    }
    return of(numStates, numFeatures, phi, List.of(names));
  }

  /**
   * Features from a row-major table with the given column names.
   *
   * @param phi φ_i(s) at index s·k + i, length S·k, finite. Not modified (copied).
   */
  public static StateFeatures of(int numStates, int numFeatures, double[] phi, List<String> names) {
    if (numStates < 1 || numFeatures < 1) {
      throw new IllegalArgumentException("features need S >= 1 and k >= 1, got S=" + numStates
          + ", k=" + numFeatures);
    }
    if (phi.length != numStates * numFeatures) {
      throw new IllegalArgumentException("feature table must have length S*k = "
          + numStates * numFeatures + ", got " + phi.length);
    }
    if (names.size() != numFeatures) {
      throw new IllegalArgumentException("expected " + numFeatures + " feature names, got "
          + names.size());
    }
    double[] copy = phi.clone();
    for (int j = 0; j < copy.length; j++) {
      if (!Double.isFinite(copy[j])) {
        throw new IllegalArgumentException("feature " + names.get(j % numFeatures) + " of state "
            + j / numFeatures + " is not finite: " + copy[j]);
      }
    }
    return new StateFeatures(numStates, numFeatures, copy, List.copyOf(names));
  }

  /** One-hot features: φ(s) = e_s (S features), the tabular case. */
  public static StateFeatures identity(int numStates) {
    double[] phi = new double[numStates * numStates];
    for (int s = 0; s < numStates; s++) {
      phi[s * numStates + s] = 1;
    }
    return of(numStates, numStates, phi);
  }

  /** Number of states S. */
  public int numStates() {
    return numStates;
  }

  /** Number of features k. */
  public int numFeatures() {
    return numFeatures;
  }

  /** φ_i(s). */
  public double get(int s, int i) {
    return phi[s * numFeatures + i];
  }

  /** Column names, length k. */
  public List<String> names() {
    return names;
  }

  /** The row-major table, shared and read-only (as {@link TabularMdp#rewards()}). */
  public double[] data() {
    return phi;
  }

  /** A copy of φ(s). */
  public double[] row(int s) {
    return Arrays.copyOfRange(phi, s * numFeatures, (s + 1) * numFeatures);
  }

  /**
   * The linear state reward r(s) = φ(s)ᵀw.
   *
   * @param w weights, length k. Not modified.
   * @param out length S, or null to allocate. Modified.
   * @return out
   */
  public double[] linear(double[] w, double[] out) {
    if (w.length != numFeatures) {
      throw new IllegalArgumentException("weights must have length k = " + numFeatures + ", got "
          + w.length);
    }
    if (out == null) {
      out = new double[numStates];
    } else if (out.length != numStates) {
      throw new IllegalArgumentException("output must have length S = " + numStates + ", got "
          + out.length);
    }
    // four states per pass: four independent sums keep the adder busy (one state's sum is a
    // chain of k dependent adds); each sum still adds its k products in order, so the bits are
    // those of the one-state loop
    final int k = numFeatures;
    int s = 0;
    for (; s + 4 <= numStates; s += 4) {
      final int b0 = s * k;
      double acc0 = 0;
      double acc1 = 0;
      double acc2 = 0;
      double acc3 = 0;
      for (int i = 0; i < k; i++) {
        final double wi = w[i];
        acc0 += phi[b0 + i] * wi;
        acc1 += phi[b0 + k + i] * wi;
        acc2 += phi[b0 + 2 * k + i] * wi;
        acc3 += phi[b0 + 3 * k + i] * wi;
      }
      out[s] = acc0;
      out[s + 1] = acc1;
      out[s + 2] = acc2;
      out[s + 3] = acc3;
    }
    for (; s < numStates; s++) {
      double acc = 0;
      final int base = s * k;
      for (int i = 0; i < k; i++) {
        acc += phi[base + i] * w[i];
      }
      out[s] = acc;
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateFeatures f && f.numStates == numStates
        && f.numFeatures == numFeatures && Arrays.equals(f.phi, phi) && f.names.equals(names);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(phi);
  }

  @Override
  public String toString() {
    return "StateFeatures[S=" + numStates + ", k=" + numFeatures + "]";
  }
}
