/** Policy-gradient and actor-critic kernels: returns, advantages, losses, replay, samplers. */
package org.gridrl.core.pg;
