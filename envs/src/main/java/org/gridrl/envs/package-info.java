/**
 * Environments for gridrl, built on the {@code core} interfaces so that algorithms never depend
 * on them: {@link org.gridrl.envs.tabular} holds the tabular worlds (grid maps, ObjectWorld,
 * BinaryWorld), each giving its {@link org.gridrl.core.mdp.TabularMdp} and
 * {@link org.gridrl.core.mdp.StateFeatures}.
 */
package org.gridrl.envs;
