/**
 * Meta-RL task families whose task is hidden from the agent and kept across the episodes of a
 * trial: {@link org.gridrl.envs.meta.HiddenGoalGrid} (VariBAD's grid navigation, Zintgraf et
 * al. 2020). They live apart from {@code envs.tabular}, whose worlds each give one
 * {@code TabularMdp} with the reward visible in the model, because here the object of study is
 * the distribution over tasks and the multi-episode trial, and the observation deliberately
 * omits the task.
 */
package org.gridrl.envs.meta;
