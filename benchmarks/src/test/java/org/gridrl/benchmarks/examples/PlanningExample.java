package org.gridrl.benchmarks.examples;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.Solution;
import org.gridrl.envs.tabular.GridWorld;

/** Soft value iteration on the bundled FourRooms map at temperature τ = 0.5. */
public class PlanningExample {
  public static void main(String[] args) {
    // step reward -1, goal 100: under Options.defaults() (0 and 1) the soft policy wanders off
    GridWorld world = GridWorld.bundled("fourrooms", GridWorld.Options.forSoftPlanning());
    TabularMdp mdp = world.mdp();
    Solution sol = SoftValueIteration.solve(mdp, SoftViConfig.defaults().withTemperature(0.5));
    int start = world.stateAt(1, 1);                    // the S cell: row 1, column 1
    System.out.println(sol.report().describe());        // converged after ... sweeps, ...
    System.out.println("V(start) = " + sol.v()[start]);
    System.out.print(world.renderAscii(sol.policy()));  // the most probable move per cell
  }
}
