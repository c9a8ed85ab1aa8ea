package org.gridrl.multitask;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.planning.PolicyEvaluation;

/**
 * Two conflicting tabular tasks on one corridor 0 — 1 — 2 — 3 — 4: start in 2, actions left (0)
 * and right (1), both ends terminal; task 0 pays 1 for stepping into 0, task 1 for stepping
 * into 4 (γ = 0.9, so J* = 0.9 from the start). Same dynamics, opposite optimal actions in every
 * shared state.
 */
final class Corridor {

  static final int STATES = 5;
  static final int START = 2;
  static final double GAMMA = 0.9;
  static final int HORIZON = 20;

  private Corridor() {}

  /** Task k's MDP: the goal is state 0 (k = 0) or state 4 (k = 1). */
  static TabularMdp task(int k) {
    return withGoalRewards(k == 0 ? 1 : 0, k == 0 ? 0 : 1);
  }

  /** The corridor paying {@code left} for entering 0 and {@code right} for entering 4. */
  static TabularMdp withGoalRewards(double left, double right) {
    TabularMdpBuilder b = TabularMdp.builder(STATES, 2).gamma(GAMMA);
    for (int s = 0; s < STATES; s++) {
      if (s == 0 || s == STATES - 1) {
        b.terminal(s);
        b.transition(s, 0, s, 1);
        b.transition(s, 1, s, 1);
        continue;
      }
      b.transition(s, 0, s - 1, 1);
      b.transition(s, 1, s + 1, 1);
      if (s - 1 == 0) {
        b.reward(s, 0, left);
      }
      if (s + 1 == STATES - 1) {
        b.reward(s, 1, right);
      }
    }
    double[] d0 = new double[STATES];
    d0[START] = 1;
    return b.initialDistribution(d0).build();
  }

  /** The two tasks as vector envs with one-hot states and a time limit. */
  static List<Env<double[], Integer>> envs() {
    List<Env<double[], Integer>> envs = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      envs.add(new TimeLimit<>(new OneHotTabularEnv(task(k)), HORIZON));
    }
    return envs;
  }

  /** π(a|s) of a discrete policy over one-hot states, as a table (every action evaluated). */
  static TabularPolicy table(Policy policy) {
    DMatrixRMaj obs = new DMatrixRMaj(STATES, STATES);
    for (int s = 0; s < STATES; s++) {
      obs.set(s, s, 1);
    }
    double[] pi = new double[STATES * 2];
    for (int a = 0; a < 2; a++) {
      Tape tape = new Tape();
      int[] actions = new int[STATES];
      java.util.Arrays.fill(actions, a);
      Tensor lp = policy.evaluate(tape, tape.constant(obs), policy.bind(tape), null, actions)
          .logProb();
      for (int s = 0; s < STATES; s++) {
        pi[s * 2 + a] = Math.exp(lp.value().data[s]);
      }
    }
    for (int s = 0; s < STATES; s++) {
      double z = pi[2 * s] + pi[2 * s + 1];
      pi[2 * s] /= z;
      pi[2 * s + 1] /= z;
    }
    return TabularPolicy.of(STATES, 2, pi);
  }

  /** J(π) = V^π(start), exactly. */
  static double value(TabularMdp mdp, TabularPolicy pi) {
    return PolicyEvaluation.evaluate(mdp, pi)[START];
  }
}
