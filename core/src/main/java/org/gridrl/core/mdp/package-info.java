/**
 * Finite MDPs: {@link org.gridrl.core.mdp.TabularMdp} (CSR transitions, r(s,a), γ, start
 * distribution, terminals) and its builder, {@link org.gridrl.core.mdp.TabularPolicy},
 * {@link org.gridrl.core.mdp.StateFeatures} and the plain-text format {@code MdpFormat}.
 */
package org.gridrl.core.mdp;
