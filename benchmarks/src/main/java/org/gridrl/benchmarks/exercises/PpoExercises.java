package org.gridrl.benchmarks.exercises;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.pg.PgLosses;
import org.gridrl.core.util.Numbers;
import org.gridrl.core.util.Rng;

/**
 * Exercise 6, PPO's clipped surrogate, against {@link PgLosses#ppoClip}: the expected objective
 * of sample i is −L of the one-sample batch i, and its gradient −m ∂L/∂log π_i of the whole
 * batch's loss L = −mean(objective), by the tape's backward pass.
 */
final class PpoExercises {

  /** The tolerance on the objective and on the gradient: max error ≤ TOL · (1 + max |·|). */
  static final double TOL = 1e-10;

  private PpoExercises() {
  }

  /** Exercise 6. */
  static Exercise<PpoClippedSurrogate> ppoClip() {
    return new Exercise<>(6, "ppo-clip", "The PPO clipped surrogate and its gradient",
        PpoClippedSurrogate.class, PpoExercises::cases);
  }

  /** How a case's ratios ρ = exp(log π − log π_old) are drawn. */
  private enum Ratios {
    /** log ρ uniform inside 0.9·(log(1 − ε), log(1 + ε)): nothing is clipped. */
    INSIDE,
    /** log ρ uniform on [−w, w] (w the case's width): both edges crossed. */
    ACROSS,
    /** ρ exactly 1 + ε or 1 − ε, alternately (log π_old = 0, log π found to the last bit). */
    EDGES,
    /** log π = log π_old: ρ = 1. */
    ONE
  }

  /** How a case's advantages are drawn. */
  private enum Advantages {
    /** Uniform on [−2, 2]. */
    MIXED,
    /** Uniform on [−2, −0.1]. */
    NEGATIVE,
    /** Every third exactly 0, the others uniform on [−2, 2]. */
    SOME_ZERO
  }

  /** (m samples, ε, ratios, the width of log ρ for ACROSS, advantages, what the case is). */
  private record Shape(int m, double epsilon, Ratios ratios, double width, Advantages adv,
      String note) {
  }

  private static List<Exercise.Case<PpoClippedSurrogate>> cases(long seed) {
    Shape[] shapes = {
        new Shape(16, 0.2, Ratios.INSIDE, 0, Advantages.MIXED,
            "ratios inside [1 - eps, 1 + eps]: nothing clipped"),
        new Shape(32, 0.2, Ratios.ACROSS, 0.7, Advantages.MIXED,
            "ratios across both edges, advantages of both signs"),
        new Shape(8, 0.2, Ratios.EDGES, 0, Advantages.MIXED,
            "ratios exactly at 1 - eps and 1 + eps: a tie takes rho*A"),
        new Shape(32, 0.2, Ratios.ACROSS, 0.7, Advantages.NEGATIVE,
            "negative advantages: clipped below 1 - eps, not above 1 + eps"),
        new Shape(24, 0.2, Ratios.ACROSS, 0.7, Advantages.SOME_ZERO,
            "zero advantages mixed in"),
        new Shape(32, 0.05, Ratios.ACROSS, 0.3, Advantages.MIXED, "eps = 0.05, a tight clip"),
        new Shape(32, 0.5, Ratios.ACROSS, 1.2, Advantages.MIXED, "eps = 0.5, a loose clip"),
        new Shape(16, 0.2, Ratios.ONE, 0, Advantages.MIXED,
            "rho = 1, the first epoch: objective A, gradient A"),
        new Shape(512, 0.1, Ratios.ACROSS, 0.5, Advantages.MIXED,
            "a batch of 512: the library's loss is -mean(objective)"),
    };
    Rng root = new Rng(seed);
    List<Exercise.Case<PpoClippedSurrogate>> cases = new ArrayList<>();
    for (int c = 0; c < shapes.length; c++) {
      Shape sh = shapes[c];
      Rng rng = root.fork(c);
      int m = sh.m;
      double eps = sh.epsilon;
      double[] lp = new double[m];
      double[] old = new double[m];
      double[] adv = new double[m];
      for (int i = 0; i < m; i++) {
        adv[i] = switch (sh.adv) {
          case MIXED -> rng.nextDouble(-2, 2);
          case NEGATIVE -> rng.nextDouble(-2, -0.1);
          case SOME_ZERO -> i % 3 == 0 ? 0.0 : rng.nextDouble(-2, 2);
        };
        old[i] = rng.nextDouble(-3, -0.05);
        switch (sh.ratios) {
          case INSIDE -> lp[i] = old[i]
              + 0.9 * rng.nextDouble(Math.log(1 - eps), Math.log(1 + eps));
          case ACROSS -> lp[i] = old[i] + rng.nextDouble(-sh.width, sh.width);
          case EDGES -> {
            old[i] = 0;
            lp[i] = logOf(i % 2 == 0 ? 1 + eps : 1 - eps);
          }
          case ONE -> lp[i] = old[i];
          default -> throw new IllegalStateException(sh.ratios.name());
        }
      }
      double[][] expected = library(lp, old, adv, eps);
      String name = "m=" + m + " eps=" + Numbers.shortest(eps) + " (" + sh.note + ")";
      cases.add(new Exercise.Case<>(name, student -> {
        Verdict objective = Verdict.compare("objective", "sample", expected[0],
            student.objective(lp.clone(), old.clone(), adv.clone(), eps), TOL);
        if (!objective.passed()) {
          return new Verdict(false, objective.maxError(), "objective: " + objective.message());
        }
        Verdict gradient = Verdict.compare("dobjective/dlogpi", "sample", expected[1],
            student.gradient(lp.clone(), old.clone(), adv.clone(), eps), TOL);
        return new Verdict(gradient.passed(), Math.max(objective.maxError(),
            gradient.maxError()), "objective: " + objective.message() + "; gradient: "
            + gradient.message());
      }));
    }
    return cases;
  }

  /**
   * The library's answer: {objective per sample, its gradient in log π per sample}, from
   * {@link PgLosses#ppoClip} on one-sample batches and on the whole batch.
   */
  static double[][] library(double[] logPi, double[] oldLogPi, double[] adv, double eps) {
    int m = logPi.length;
    Tape tape = new Tape();
    double[] objective = new double[m];
    for (int i = 0; i < m; i++) {
      tape.reset();
      Tensor loss = PgLosses.ppoClip(tape, tape.parameter(column(logPi[i])),
          tape.constant(column(oldLogPi[i])), tape.constant(column(adv[i])), eps);
      objective[i] = -loss.item();
    }
    tape.reset();
    Tensor lp = tape.parameter(DMatrixRMaj.wrap(m, 1, logPi.clone()));
    Tensor loss = PgLosses.ppoClip(tape, lp, tape.constant(DMatrixRMaj.wrap(m, 1,
        oldLogPi.clone())), tape.constant(DMatrixRMaj.wrap(m, 1, adv.clone())), eps);
    double[] dLoss = tape.grad(loss, lp, false).value().data;
    double[] gradient = new double[m];
    for (int i = 0; i < m; i++) {
      gradient[i] = -m * dLoss[i];
    }
    return new double[][] {objective, gradient};
  }

  private static DMatrixRMaj column(double v) {
    return DMatrixRMaj.wrap(1, 1, new double[] {v});
  }

  /**
   * The double x nearest log(target) with exp(x) exactly {@code target}, so that a ratio
   * exp(x − 0) sits on the clip edge to the last bit.
   *
   * @throws IllegalStateException if none lies within 256 ulps (never for the ε used here)
   */
  static double logOf(double target) {
    double up = Math.log(target);
    double down = up;
    for (int k = 0; k < 256; k++) {
      if (Math.exp(up) == target) {
        return up;
      }
      if (Math.exp(down) == target) {
        return down;
      }
      up = Math.nextUp(up);
      down = Math.nextDown(down);
    }
    throw new IllegalStateException("no double x has exp(x) = " + target);
  }
}
