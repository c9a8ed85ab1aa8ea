package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.GradCheck;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.core.util.Rng;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;

class DiscriminatorTest extends IrlTestBase {

  private static DiscriminatorConfig oneStep(List<Integer> hidden, double penalty) {
    return new DiscriminatorConfig(hidden, 1e-3, 1, 1024, penalty);
  }

  private static Discriminator discriminator(Mlp net, DiscriminatorConfig c) {
    return new Discriminator("TEST", Discriminator.mlp(net), c, new Rng(5));
  }

  @Test
  void update_oneStep_reportsMeanSoftplusLossOfTheLogitsBeforeTheStep() {
    int d = 3;
    int n = 7;
    double[] xE = randomVector(rand, n * d, 1);
    double[] xP = randomVector(rand, n * d, 1);
    Mlp net = Gail.discriminatorNet(d, oneStep(List.of(4), 0), new Rng(1));
    Discriminator disc = discriminator(net, oneStep(List.of(4), 0));
    double[] zE = disc.logits(xE, null, n, new double[n]);
    double[] zP = disc.logits(xP, null, n, new double[n]);
    double expected = 0;
    for (int i = 0; i < n; i++) {
      // −log σ(z) on expert rows, −log(1 − σ(z)) on policy rows; both classes seen once (m = n)
      expected += (-Math.log(1 / (1 + Math.exp(-zE[i]))) - Math.log(1 - 1 / (1 + Math.exp(
          -zP[i])))) / n;
    }
    Discriminator.Stats s = disc.update(xE, null, n, xP, null, n, 1);
    assertThat(s.loss()).isCloseTo(expected, within(1e-12));
    assertThat(s.gradPenalty()).isZero();
    // accuracies after the step, from the logits the update keeps
    double[] zAfter = disc.logits(xE, null, n, new double[n]);
    assertClose(zAfter, Arrays.copyOf(disc.expertLogits(), n), TIGHT);
    long hits = Arrays.stream(zAfter).filter(z -> z > 0).count();
    assertThat(s.expertAccuracy()).isEqualTo((double) hits / n);
  }

  @Test
  void gradientPenalty_linearLogit_isSquaredWeightNorm() {
    // z = x·w + b, so ∇ₓ z = w on every row and E‖∇ₓ z‖² = ‖w‖²
    int d = 4;
    int n = 5;
    Mlp net = Gail.discriminatorNet(d, oneStep(List.of(), 1.0), new Rng(2));
    double[] w = net.layers().get(0).weight().data.clone();
    double norm2 = Arrays.stream(w).map(v -> v * v).sum();
    Discriminator.Stats s = discriminator(net, oneStep(List.of(), 1.0))
        .update(randomVector(rand, n * d, 1), null, n, randomVector(rand, n * d, 1), null, n, 1);
    assertThat(s.gradPenalty()).isCloseTo(norm2, within(1e-12));
  }

  @Test
  void gradientPenalty_tanhMlp_matchesFiniteDifferencesOfTheLogit() {
    int d = 3;
    int n = 6;
    DiscriminatorConfig c = oneStep(List.of(5, 4), 0.5);
    Mlp net = Gail.discriminatorNet(d, c, new Rng(3));
    Discriminator disc = discriminator(net, c);
    double[] xE = randomVector(rand, n * d, 1);
    // E_i Σ_j (∂z_i/∂x_ij)², central differences of the logit with the parameters before the step
    double h = 1e-5;
    double fd = 0;
    double[] zp = new double[n];
    double[] zm = new double[n];
    for (int j = 0; j < n * d; j++) {
      double x0 = xE[j];
      xE[j] = x0 + h;
      disc.logits(xE, null, n, zp);
      xE[j] = x0 - h;
      disc.logits(xE, null, n, zm);
      xE[j] = x0;
      double dz = (zp[j / d] - zm[j / d]) / (2 * h);
      fd += dz * dz / n;
    }
    Discriminator.Stats s = disc.update(xE, null, n, randomVector(rand, n * d, 1), null, n, 1);
    assertThat(s.gradPenalty()).isCloseTo(fd, within(FD));
  }

  /**
   * The penalty's gradient in ψ and in x — a gradient of a gradient through a tanh MLP —
   * against central differences of the penalty (GradCheck, step 1e-5).
   */
  @Test
  void gradientPenalty_gradientOfTheGradient_matchesFiniteDifferences() {
    int d = 3;
    int m = 4;
    Mlp net = Gail.discriminatorNet(d, oneStep(List.of(5), 1.0), new Rng(6));
    List<DMatrixRMaj> inputs = new ArrayList<>();
    inputs.add(new DMatrixRMaj(m, d, true, randomVector(rand, m * d, 1)));
    inputs.addAll(net.parameterValues());
    GradCheck.Report r = GradCheck.firstOrder((tape, leaves) -> {
      Tensor x = leaves.get(0);
      Tensor z = net.forward(tape, x, leaves.subList(1, leaves.size()), 0);
      return Discriminator.r1Penalty(tape, x, z, new ArrayList<>(), new ArrayList<>());
    }, inputs, 1e-5);
    assertThat(r.within(1e-6)).as(r.describe()).isTrue();
  }

  /** The penalty's gradient (a gradient of a gradient) points the right way: it shrinks ‖w‖². */
  @Test
  void gradientPenalty_heavyWeight_shrinksTheLinearLogitsWeights() {
    int d = 4;
    int n = 32;
    DiscriminatorConfig c = new DiscriminatorConfig(List.of(), 1e-2, 100, 32, 100.0);
    Mlp net = Gail.discriminatorNet(d, c, new Rng(2));
    double before = Arrays.stream(net.layers().get(0).weight().data).map(v -> v * v).sum();
    discriminator(net, c).update(randomVector(rand, n * d, 1), null, n,
        randomVector(rand, n * d, 1), null, n, 1);
    double after = Arrays.stream(net.layers().get(0).weight().data).map(v -> v * v).sum();
    // 100 Adam steps of 1e-2 on 100·‖w‖² + (a logistic loss on overlapping classes)
    assertThat(after).isLessThan(0.1 * before);
  }

  /**
   * GAIL's learned reward: softplus(z) = −log(1 − D) of the network on [o | one-hot a], and
   * its tabulation r(s, a) for a one-hot tabular world.
   */
  @Test
  void networkReward_softplusOfLinearNet_onOneHotStateAction() {
    // z(s, a) = wS[s] + wA[a] over 2 states and 3 actions
    double[] w = {0.5, -2.0, 0.1, 0.0, 1.5};
    Mlp net = Gail.discriminatorNet(5, oneStep(List.of(), 0), new Rng(0));
    System.arraycopy(w, 0, net.layers().get(0).weight().data, 0, 5);
    NetworkReward r = new NetworkReward(net, LearnedReward.Inputs.STATE_ACTION, 2, 1, 3, true);
    TabularMdp mdp = randomMdp(1, 2, 3, 1, 0.9, 0);
    double[] table = r.stateActionRewards(mdp, ObservationEncoder.oneHot(2));
    for (int s = 0; s < 2; s++) {
      for (int a = 0; a < 3; a++) {
        double z = w[s] + w[2 + a];
        double dsa = 1 / (1 + Math.exp(-z));
        assertThat(table[s * 3 + a]).isCloseTo(-Math.log(1 - dsa), within(1e-12));
      }
    }
    NetworkReward logit = new NetworkReward(net, LearnedReward.Inputs.STATE_ACTION, 2, 1, 3,
        false);
    assertThat(logit.rewards(new double[] {0, 1}, new double[] {2}, null, 1, new double[1])[0])
        .isCloseTo(-2.0 + 1.5, within(TIGHT));
  }

  /**
   * Trained to convergence on many (s, a) rows of two fixed policies, D(s, a) is
   * ρ_E(s, a) / (ρ_E(s, a) + ρ_π(s, a)) with ρ(s, a) = μ(s)·π(a|s) and μ the exact H-step
   * visitation from StateVisitation divided by H (every step of every H-step rollout is a row).
   */
  @Test
  void converged_matchesOccupancyRatioOfTwoFixedPolicies() {
    int numS = 3;
    int numA = 2;
    int horizon = 5;
    int count = 4000; // 20,000 rows per class
    TabularMdp mdp = randomMdp(11, numS, numA, 2, 0.9, 0);
    TabularPolicy expert = TabularPolicy.of(numS, numA, new double[] {0.8, 0.2, 0.3, 0.7, 0.5,
        0.5});
    TabularPolicy other = TabularPolicy.uniform(numS, numA);
    int inputDim = numS + numA;
    double[] xE = rows(mdp, expert, count, horizon, 21);
    double[] xP = rows(mdp, other, count, horizon, 22);
    int n = count * horizon;
    DiscriminatorConfig c = new DiscriminatorConfig(List.of(16), 1e-2, 20, 4096, 0.0);
    Discriminator disc = discriminator(Gail.discriminatorNet(inputDim, c, new Rng(4)), c);
    disc.update(xE, null, n, xP, null, n, 1);

    double[] muE = visitation(mdp, expert, horizon);
    double[] muP = visitation(mdp, other, horizon);
    double[] x = new double[inputDim];
    double[] z = new double[1];
    int checked = 0;
    for (int s = 0; s < numS; s++) {
      for (int a = 0; a < numA; a++) {
        double rhoE = muE[s] * expert.probability(s, a);
        double rhoP = muP[s] * other.probability(s, a);
        if (rhoE + rhoP < 0.05) {
          continue; // not well visited
        }
        Arrays.fill(x, 0);
        x[s] = 1;
        x[numS + a] = 1;
        disc.logits(x, null, 1, z);
        double dsa = 1 / (1 + Math.exp(-z[0]));
        // seen: |D − D*| ≤ 0.007 on all six pairs (sampling noise of 20,000 rows is ≈ 0.005)
        assertThat(dsa).as("D(%d, %d)", s, a).isCloseTo(rhoE / (rhoE + rhoP), within(0.02));
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  // every step of count rollouts of H steps as [onehot(s) | onehot(a)] rows
  private static double[] rows(TabularMdp mdp, TabularPolicy pi, int count, int horizon,
      long seed) {
    Demonstrations d = Demonstrations.sample(mdp, pi, count, horizon, seed);
    Transitions t = Transitions.fromDemonstrations(d, mdp,
        ObservationEncoder.oneHot(mdp.numStates()), mdp.numStates());
    assertThat(t.size()).isEqualTo(count * horizon);
    return Discriminator.stateActionRows(t.observations(), t.actions(), t.size(),
        mdp.numStates(), 1, mdp.numActions(),
        new double[t.size() * (mdp.numStates() + mdp.numActions())]);
  }

  // μ(s) = (1/H) Σ_{t<H} Pr(s_t = s) from the MDP's start distribution
  private static double[] visitation(TabularMdp mdp, TabularPolicy pi, int horizon) {
    TabularPolicy[] policies = new TabularPolicy[horizon];
    Arrays.fill(policies, pi);
    double[] mu = StateVisitation.finiteHorizon(mdp, policies, mdp.initialDistribution());
    for (int s = 0; s < mu.length; s++) {
      mu[s] /= horizon;
    }
    return mu;
  }
}
