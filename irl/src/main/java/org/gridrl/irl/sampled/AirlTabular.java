package org.gridrl.irl.sampled;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * AIRL's discriminator on given values of g and h (Fu, Luo &amp; Levine 2018, eq. 3–4):
 * <pre>
 *   f = g(s) + γ (1 − done) h(s') − h(s),   z = f − log π(a|s),
 *   D = exp f / (exp f + π(a|s)) = σ(z),     reward log D − log(1 − D) = z,
 *   L = −mean_E log D − mean_π log(1 − D) = mean_E softplus(−z) + mean_π softplus(z),
 * </pre>
 * each computed by the code {@link Airl} trains with: the logit of {@code Airl.shapedLogit}
 * (so h(s') counts 0 at a terminal successor, and a time limit is not terminal), evaluated by
 * {@link Discriminator#logits}, and the loss of a {@link Discriminator} step. g and h are
 * tables: row i's s and s' are the one-hot states 2i and 2i + 1 of linear networks whose weights
 * hold the given values, so the library's forward pass returns them exactly. For the exercise
 * grader ({@code gridrl exercise check 7}) and for tests that pin AIRL's numbers by hand.
 */
public final class AirlTabular {

  private AirlTabular() {
  }

  /**
   * z = g + γ (1 − done) h' − h − log π per row: the logit of D and the policy's reward.
   *
   * @param g g(s_i) (or g(s_i, a_i)). Not modified.
   * @param h h(s_i). Not modified.
   * @param hNext h(s'_i), ignored where s'_i is terminal. Not modified.
   * @param terminated whether s'_i is terminal. Not modified.
   * @param logPi log π(a_i|s_i) ≤ 0. Not modified.
   * @param gamma γ ∈ [0, 1]
   * @return z, a new array
   */
  public static double[] logits(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, double gamma) {
    int n = check(g, h, hNext, terminated, logPi, gamma);
    Packed p = Packed.of(g, h, hNext, terminated, logPi, null, true);
    return discriminator(p, gamma, n).logits(p.x, p.aux, n, new double[n]);
  }

  /**
   * D = σ(z) per row, by the tape's sigmoid over {@link #logits}.
   *
   * @return D, a new array
   */
  public static double[] probabilities(double[] g, double[] h, double[] hNext,
      boolean[] terminated, double[] logPi, double gamma) {
    double[] z = logits(g, h, hNext, terminated, logPi, gamma);
    Tape tape = new Tape();
    Tensor d = tape.sigmoid(tape.constant(DMatrixRMaj.wrap(z.length, 1, z)));
    return d.value().data.clone();
  }

  /**
   * The discriminator's logistic loss with the expert labelled 1, from the first step of a
   * {@link Discriminator} update on these rows (one minibatch holding every row of both
   * classes): mean over expert rows of softplus(−z) plus mean over policy rows of softplus(z).
   *
   * @param expert whether row i is the expert's; as many expert rows as policy rows, as in the
   *     library's minibatches. Not modified.
   * @throws IllegalArgumentException if the classes differ in size or one is empty
   */
  public static double loss(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, boolean[] expert, double gamma) {
    int n = check(g, h, hNext, terminated, logPi, gamma);
    Check.argument(expert != null && expert.length == n, "expert must have %s labels, got %s",
        n, expert == null ? "null" : expert.length);
    int numExpert = 0;
    for (boolean e : expert) {
      numExpert += e ? 1 : 0;
    }
    Check.argument(numExpert > 0 && 2 * numExpert == n,
        "the loss needs as many expert rows as policy rows, got %s expert of %s", numExpert, n);
    Packed e = Packed.of(g, h, hNext, terminated, logPi, expert, true);
    Packed p = Packed.of(g, h, hNext, terminated, logPi, expert, false);
    // the states are numbered over all n rows, so one network holds both classes' values
    Discriminator disc = discriminator(Packed.of(g, h, hNext, terminated, logPi, null, true),
        gamma, numExpert);
    return disc.update(e.x, e.aux, numExpert, p.x, p.aux, numExpert, 0).loss();
  }

  private static int check(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, double gamma) {
    Check.argument(g != null && g.length > 0, "g must hold at least one row");
    int n = g.length;
    Check.argument(h != null && h.length == n && hNext != null && hNext.length == n
        && terminated != null && terminated.length == n && logPi != null && logPi.length == n,
        "h, hNext, terminated and logPi must have %s rows, as g", n);
    Check.unitInterval("gamma", gamma);
    return n;
  }

  // linear g and h over the 2n one-hot states (g, h on 2i; h' on 2i + 1), Airl's logit over
  // them, a discriminator with one step over minibatches of the given size
  private static Discriminator discriminator(Packed all, double gamma, int minibatch) {
    int k = all.states;
    DiscriminatorConfig config = new DiscriminatorConfig(List.of(), 1e-3, 1, minibatch, 0.0);
    Mlp g = Gail.discriminatorNet(k, config, new Rng(0));
    Mlp h = Gail.discriminatorNet(k, config, new Rng(0));
    System.arraycopy(all.gTable, 0, g.layers().get(0).weight().data, 0, k);
    System.arraycopy(all.hTable, 0, h.layers().get(0).weight().data, 0, k);
    return new Discriminator(Airl.NAME, Airl.shapedLogit(g, h, k, k, gamma), config,
        new Rng(0));
  }

  /**
   * Rows x = [one-hot s | one-hot s'], c = [1 − done, log π] of the rows whose label is
   * {@code keep} (all rows when labels is null), over the 2n states of all rows.
   */
  private record Packed(double[] x, double[] aux, int states, double[] gTable,
      double[] hTable) {

    static Packed of(double[] g, double[] h, double[] hNext, boolean[] terminated,
        double[] logPi, boolean[] labels, boolean keep) {
      int n = g.length;
      int k = 2 * n;
      double[] gTable = new double[k];
      double[] hTable = new double[k];
      int rows = 0;
      for (int i = 0; i < n; i++) {
        gTable[2 * i] = g[i];
        hTable[2 * i] = h[i];
        hTable[2 * i + 1] = hNext[i];
        rows += labels == null || labels[i] == keep ? 1 : 0;
      }
      double[] x = new double[rows * 2 * k];
      double[] aux = new double[rows * 2];
      int r = 0;
      for (int i = 0; i < n; i++) {
        if (labels != null && labels[i] != keep) {
          continue;
        }
        x[r * 2 * k + 2 * i] = 1;
        x[r * 2 * k + k + 2 * i + 1] = 1;
        aux[2 * r] = terminated[i] ? 0 : 1;
        aux[2 * r + 1] = logPi[i];
        r++;
      }
      return new Packed(x, aux, k, gTable, hTable);
    }
  }
}
