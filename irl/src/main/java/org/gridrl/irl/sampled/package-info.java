/**
 * Inverse RL from samples: methods that never read the dynamics and learn from transitions
 * ({@link org.gridrl.irl.sampled.Transitions}) on any {@code core.env.Env}, tabular (one-hot or
 * feature observations, categorical policy) or continuous (Gaussian policy), through
 * {@code core.pg.Sampler}. Each is a config record, a static {@code train} and a
 * {@link org.gridrl.irl.sampled.SampledIrlResult} (policy, {@link
 * org.gridrl.irl.sampled.LearnedReward}, history, provenance), and reports the keys of
 * {@link org.gridrl.irl.sampled.Metrics}:
 * <ul>
 *   <li>{@link org.gridrl.irl.sampled.BehaviourCloning}: maximum likelihood of the expert's
 *       actions with the PPO methods' policy network ({@code core.optim.Adam});</li>
 *   <li>{@link org.gridrl.irl.sampled.GuidedCostLearning} (Finn et al. 2016): the IOC loss with
 *       an importance-sampled log Z over a pool of past samples
 *       ({@code core.autodiff.Tape.vjp}), the sampling policy improved by
 *       {@code core.pg.Ppo#update};</li>
 *   <li>{@link org.gridrl.irl.sampled.Gail} (Ho &amp; Ermon 2016) and
 *       {@link org.gridrl.irl.sampled.Airl} (Fu et al. 2018): a logistic discriminator (MLP,
 *       Adam, R1 penalty through the tape's gradient of a gradient) and
 *       {@code core.pg.Ppo#update} on the discriminator's reward;
 *       {@link org.gridrl.irl.sampled.AirlTabular} runs AIRL's logit, D and loss on given values
 *       of g and h (for graders and hand checks).</li>
 * </ul>
 * Expert data: {@link org.gridrl.irl.sampled.ExpertData}, {@link
 * org.gridrl.irl.sampled.TransitionsCsv}. On tabular worlds
 * {@link org.gridrl.core.pg.PolicyTables} and {@link org.gridrl.irl.sampled.TabularEvaluation}
 * give the exact answers ({@code core.planning}:
 * policy evaluation, value iteration) every test and results table judges these methods by.
 */
package org.gridrl.irl.sampled;
