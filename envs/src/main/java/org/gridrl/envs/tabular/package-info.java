/**
 * Tabular worlds that give a {@link org.gridrl.core.mdp.TabularMdp} and state features:
 * {@link org.gridrl.envs.tabular.GridWorld} (ASCII maps, bundled maps such as four-rooms, and
 * the open benchmark grid), {@link org.gridrl.envs.tabular.ObjectWorld} (Levine et al. 2011),
 * {@link org.gridrl.envs.tabular.BinaryWorld} (Wulfmeier et al. 2015), and the multi-task
 * family {@link org.gridrl.envs.tabular.MultiGoalGrid} (many goals on one map: MT10-style and
 * MT50-style sets with conflicting tasks, each task a TabularMdp). All share the action
 * numbering 0 = north, 1 = east, 2 = south, 3 = west, 4 = stay, and expose the deterministic
 * successor tables {@code nextState(a)} that structured grid kernels use in place of CSR rows.
 */
package org.gridrl.envs.tabular;
