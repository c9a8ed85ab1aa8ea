package org.gridrl.core.pg;

import java.util.List;
import java.util.stream.Stream;

/**
 * The metric keys the policy-gradient algorithms report through
 * {@link org.gridrl.core.util.TrainingListener}: one spelling each, namespaced as CleanRL
 * namespaces them ({@code charts/} for what the agent experiences, {@code loss/} for what it
 * minimises, {@code ppo/} for PPO's diagnostics, {@code eval/} for evaluations). Every key an
 * algorithm emits is declared here and listed in that algorithm's {@code METRICS}
 * ({@link Reinforce#METRICS}, {@link A2c#METRICS}, {@link Ppo#METRICS}, {@link Sac#METRICS});
 * {@code MetricsTest} runs each algorithm and checks both.
 *
 * <p>The episode length is {@value #EPISODIC_LENGTH}, CleanRL's spelling and the twin of
 * {@value #EPISODIC_RETURN}; the on-policy algorithms wrote {@code charts/episode_length} until
 * the two spellings were merged.
 */
public final class Metrics {

  /** Mean undiscounted return of the episodes that ended (on-policy: in the iteration). */
  public static final String EPISODIC_RETURN = "charts/episodic_return";
  /** Mean length in steps of the episodes that ended (on-policy: in the iteration). */
  public static final String EPISODIC_LENGTH = "charts/episodic_length";
  /** Environment steps sampled so far (on-policy algorithms; SAC's iteration is the step). */
  public static final String STEPS = "charts/steps";
  /** Mean policy entropy (SAC: the sample estimate −mean log π(ã|s)). */
  public static final String ENTROPY = "charts/entropy";
  /** The policy loss: score function, PPO's clipped surrogate, or SAC's actor loss. */
  public static final String POLICY_LOSS = "loss/policy";
  /** ½ mean squared error of the state-value network (clipped form if enabled). */
  public static final String VALUE_LOSS = "loss/value";
  /**
   * The total loss L_π + c_V L_V − c_H H̄ of an on-policy step: never reported, named in the
   * error when it is not finite.
   */
  public static final String TOTAL_LOSS = "loss/total";
  /** PPO: mean of (ρ − 1) − log ρ, Schulman's k3 estimate of KL(π_old ‖ π_θ). */
  public static final String APPROX_KL = "ppo/approx_kl";
  /** PPO: fraction of rows with |ρ − 1| &gt; ε. */
  public static final String CLIP_FRACTION = "ppo/clip_fraction";
  /** SAC: ½ mean (Q₁(s, a) − y)². */
  public static final String Q1_LOSS = "loss/q1";
  /** SAC: ½ mean (Q₂(s, a) − y)². */
  public static final String Q2_LOSS = "loss/q2";
  /** SAC: the temperature loss −log α · (mean log π + H̄) (0 when α is fixed). */
  public static final String ALPHA_LOSS = "loss/alpha";
  /** SAC: the temperature α. */
  public static final String ALPHA = "charts/alpha";
  /** SAC: mean Q₁(s, a) over the minibatch. */
  public static final String Q1_MEAN = "charts/q1_mean";
  /** The return of an evaluation episode of the deterministic policy (SAC's evaluation). */
  public static final String EVAL_RETURN = "eval/return";

  /** Every declared key. */
  public static final List<String> ALL = List.of(EPISODIC_RETURN, EPISODIC_LENGTH, STEPS,
      ENTROPY, POLICY_LOSS, VALUE_LOSS, TOTAL_LOSS, APPROX_KL, CLIP_FRACTION, Q1_LOSS, Q2_LOSS,
      ALPHA_LOSS, ALPHA, Q1_MEAN, EVAL_RETURN);

  /** What every on-policy iteration reports before its update's statistics. */
  static final List<String> ON_POLICY_CHARTS = List.of(EPISODIC_RETURN, EPISODIC_LENGTH, STEPS);

  /** An on-policy algorithm's metrics: {@link #ON_POLICY_CHARTS}, then its update's keys. */
  static List<String> onPolicy(List<String> updateKeys) {
    return Stream.concat(ON_POLICY_CHARTS.stream(), updateKeys.stream()).toList();
  }

  private Metrics() {
  }
}
