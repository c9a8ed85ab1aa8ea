package org.gridrl.benchmarks.experiments.multitask;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.util.Check;
import org.gridrl.multitask.DistralPgConfig;
import org.gridrl.multitask.DivideAndConquerConfig;

/**
 * Settings of the eight {@link MultitaskMethods}, with one environment-step budget for all: every
 * method runs I = {@code ppo.iterations()} iterations that each sample {@code ppo.stepsPerEnv()}
 * steps in every task, so each task gets I · stepsPerEnv environment steps
 * ({@link #stepsPerTask()}) whatever the method. The compact constructor enforces it: Distral's
 * PPO runs the same I and stepsPerEnv, divide-and-conquer splits I into its local phase
 * ({@code dnc.ppo().iterations()}) and its global phase ({@code dnc.globalIterations()}).
 * The seeds inside are placeholders: {@link MultitaskMethods#train} replaces them by the run's.
 *
 * @param ppo the PPO of the task-conditioned methods (independent, shared without and with the
 *     id, PCGrad, MGDA, CAGrad), its γ the task family's
 * @param distral neural Distral; its PPO is {@code ppo} without the entropy bonus (Distral's
 *     reward carries it)
 * @param dnc divide-and-conquer; its PPO is {@code ppo} with the local iterations
 */
@RecordBuilder
public record MultitaskMethodsConfig(PpoConfig ppo, DistralPgConfig distral,
    DivideAndConquerConfig dnc) implements MultitaskMethodsConfigBuilder.With {

  /** Checks presence and that every method has the same per-task step budget. */
  public MultitaskMethodsConfig {
    Check.notNull("ppo", ppo);
    Check.notNull("distral", distral);
    Check.notNull("dnc", dnc);
    PpoConfig d = distral.ppo();
    Check.argument(d.iterations() == ppo.iterations() && d.stepsPerEnv() == ppo.stepsPerEnv()
        && d.gamma() == ppo.gamma(), "distral's PPO must have the budget and gamma of ppo"
        + " (%s x %s, gamma %s), got %s x %s, gamma %s", ppo.iterations(), ppo.stepsPerEnv(),
        ppo.gamma(), d.iterations(), d.stepsPerEnv(), d.gamma());
    PpoConfig c = dnc.ppo();
    Check.argument(c.iterations() + dnc.globalIterations() == ppo.iterations()
        && c.stepsPerEnv() == ppo.stepsPerEnv() && c.gamma() == ppo.gamma(),
        "dnc's local + global iterations and steps must match ppo's budget (%s x %s, gamma %s),"
        + " got (%s + %s) x %s, gamma %s", ppo.iterations(), ppo.stepsPerEnv(), ppo.gamma(),
        c.iterations(), dnc.globalIterations(), c.stepsPerEnv(), c.gamma());
  }

  /**
   * The settings derived from one PPO: Distral with α, β and π0's distillation ({@code
   * distillSteps} Adam steps at {@code distillLearningRate} per iteration) on {@code ppo} without
   * its entropy bonus; divide-and-conquer with penalty α_dnc, distilling every {@code
   * dncDistillEvery} local iterations by {@code distillSteps} steps, its last
   * {@code dncGlobalIterations} iterations spent on the global policy.
   */
  public static MultitaskMethodsConfig of(PpoConfig ppo, double distralAlpha, double distralBeta,
      double dncAlpha, int dncDistillEvery, int dncGlobalIterations, int distillSteps,
      double distillLearningRate) {
    Check.argument(dncGlobalIterations < ppo.iterations(),
        "dncGlobalIterations must be < ppo.iterations() (%s), got %s", ppo.iterations(),
        dncGlobalIterations);
    DistralPgConfig distral = new DistralPgConfig(distralAlpha, distralBeta,
        ppo.withEntropyCoef(0), distillSteps, distillLearningRate);
    DivideAndConquerConfig dnc = new DivideAndConquerConfig(dncAlpha,
        ppo.withIterations(ppo.iterations() - dncGlobalIterations), dncDistillEvery,
        distillSteps, distillLearningRate, false, dncGlobalIterations);
    return new MultitaskMethodsConfig(ppo, distral, dnc);
  }

  /** I · stepsPerEnv, the environment steps each task gets, for every method. */
  public long stepsPerTask() {
    return (long) ppo.iterations() * ppo.stepsPerEnv();
  }

  /** I, the iterations of every method's history. */
  public int iterations() {
    return ppo.iterations();
  }

  /** Every seed inside replaced by {@code seed}. */
  public MultitaskMethodsConfig withSeed(long seed) {
    return new MultitaskMethodsConfig(ppo.withSeed(seed),
        distral.withPpo(distral.ppo().withSeed(seed)), dnc.withPpo(dnc.ppo().withSeed(seed)));
  }
}
