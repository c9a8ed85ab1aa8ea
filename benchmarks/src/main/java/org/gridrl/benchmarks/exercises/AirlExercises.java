package org.gridrl.benchmarks.exercises;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.util.Numbers;
import org.gridrl.core.util.Rng;
import org.gridrl.irl.sampled.AirlTabular;

/**
 * Exercise 7, AIRL's discriminator and its policy reward, against the code irl's
 * {@code Airl} trains with ({@link AirlTabular}: {@code Airl.shapedLogit} for the logit
 * z = f − log π, which is the reward, σ(z) for D, a {@code Discriminator} step for the loss).
 */
final class AirlExercises {

  /** The tolerance on D, on the reward and on the loss: error ≤ TOL · (1 + max |·|). */
  static final double TOL = 1e-10;

  private AirlExercises() {
  }

  /** Exercise 7. */
  static Exercise<AirlDiscriminator> airlDiscriminator() {
    return new Exercise<>(7, "airl-discriminator",
        "The AIRL discriminator, its logistic loss and the policy's reward",
        AirlDiscriminator.class, AirlExercises::cases);
  }

  /** Where a case's π(a|s) lies. */
  private enum Pi {
    /** π uniform on [0.05, 0.95]. */
    MID,
    /** log π uniform on [log 1e−12, log 1e−6]. */
    NEAR_ZERO,
    /** π = 1 − δ, δ uniform on [1e−13, 1e−12]: log π within 1e−12 of 0. */
    NEAR_ONE
  }

  /**
   * (n transitions per class, γ, the probability that s' is terminal, g uniform on [−G, G], π,
   * what the case is); h(s) and h(s') are uniform on [−2, 2].
   */
  private record Shape(int n, double gamma, double terminal, double gRange, Pi pi,
      String note) {
  }

  private static List<Exercise.Case<AirlDiscriminator>> cases(long seed) {
    Shape[] shapes = {
        new Shape(4, 0.9, 0, 2, Pi.MID, "no terminals"),
        new Shape(16, 0.99, 0.5, 2, Pi.MID, "terminal successors: h(s') counts 0 there"),
        new Shape(16, 0.99, 0.2, 2, Pi.NEAR_ZERO, "pi near 0, from 1e-12 to 1e-6"),
        new Shape(16, 0.99, 0.2, 2, Pi.NEAR_ONE, "pi near 1, log pi > -1e-12"),
        new Shape(16, 0.9, 0.2, 40, Pi.MID, "large |f|, g up to 40: D rounds to 0 or 1"),
        new Shape(8, 0.0, 0.3, 2, Pi.MID, "gamma = 0: f = g(s) - h(s)"),
        new Shape(128, 1.0, 0.1, 2, Pi.MID, "gamma = 1, 128 transitions per class"),
    };
    Rng root = new Rng(seed);
    List<Exercise.Case<AirlDiscriminator>> cases = new ArrayList<>();
    for (int c = 0; c < shapes.length; c++) {
      Shape sh = shapes[c];
      Rng rng = root.fork(c);
      int n = 2 * sh.n;
      double[] g = new double[n];
      double[] h = new double[n];
      double[] hNext = new double[n];
      boolean[] terminated = new boolean[n];
      double[] logPi = new double[n];
      for (int i = 0; i < n; i++) {
        g[i] = rng.nextDouble(-sh.gRange, sh.gRange);
        h[i] = rng.nextDouble(-2, 2);
        hNext[i] = rng.nextDouble(-2, 2);
        terminated[i] = rng.nextDouble() < sh.terminal;
        logPi[i] = switch (sh.pi) {
          case MID -> Math.log(rng.nextDouble(0.05, 0.95));
          case NEAR_ZERO -> rng.nextDouble(Math.log(1e-12), Math.log(1e-6));
          case NEAR_ONE -> Math.log1p(-rng.nextDouble(1e-13, 1e-12));
        };
      }
      // as many expert transitions as the policy's, in random places
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      rng.shuffle(order);
      boolean[] expert = new boolean[n];
      for (int i = 0; i < sh.n; i++) {
        expert[order[i]] = true;
      }
      double gamma = sh.gamma;
      double[] d = AirlTabular.probabilities(g, h, hNext, terminated, logPi, gamma);
      double[] reward = AirlTabular.logits(g, h, hNext, terminated, logPi, gamma);
      double loss = AirlTabular.loss(g, h, hNext, terminated, logPi, expert, gamma);
      String name = "n=" + sh.n + "+" + sh.n + " gamma=" + Numbers.shortest(gamma) + " ("
          + sh.note + ")";
      cases.add(new Exercise.Case<>(name, student -> {
        Verdict vd = Verdict.compare("D", "transition", d, student.discriminator(g.clone(),
            h.clone(), hNext.clone(), terminated.clone(), logPi.clone(), gamma), TOL);
        if (!vd.passed()) {
          return new Verdict(false, vd.maxError(), "D: " + vd.message());
        }
        Verdict vr = Verdict.compare("reward", "transition", reward, student.reward(g.clone(),
            h.clone(), hNext.clone(), terminated.clone(), logPi.clone(), gamma), TOL);
        if (!vr.passed()) {
          return new Verdict(false, vr.maxError(), "reward: " + vr.message());
        }
        Verdict vl = Verdict.compareScalar("loss", loss, student.loss(g.clone(), h.clone(),
            hNext.clone(), terminated.clone(), logPi.clone(), expert.clone(), gamma), TOL);
        double worst = Math.max(vd.maxError(), Math.max(vr.maxError(), vl.maxError()));
        return new Verdict(vl.passed(), worst, vl.passed() ? "D: " + vd.message()
            + "; reward: " + vr.message() + "; loss: " + vl.message() : "loss: "
            + vl.message());
      }));
    }
    return cases;
  }
}
