/** Test helpers for the envs module: tolerances, array assertions, dense views of MDPs. */
package org.gridrl.envs.testing;
