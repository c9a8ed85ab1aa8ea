package org.gridrl.irl.sampled;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Policy;

/**
 * GCL's background samples (the paper's D_samp, Algorithm 1) with the demos in front, and the
 * log-density of the fusion distribution at each of their M trajectories:
 * <pre>
 *   q̄(τ) = Σ_k α_k q_k(τ),  q_k(τ) = Π_t π_k(a_t|s_t),
 *   α_k = n_k / M for an older iteration k,  α_K = (n_K + N) / M for the newest,
 * </pre>
 * with n_k the trajectories iteration k's policy π_k drew and M = N + Σ_k n_k: the balance
 * heuristic over every block of the pool (each trajectory counted under the distribution that
 * drew it). <b>The demos' density.</b> The demos were not drawn from a distribution we can
 * evaluate, so they enter the mixture as a block whose density is taken to be the newest
 * sampling policy's, q_K (the proxy the paper and Finn, Christiano et al. 2016 suggest: the
 * current model, whose samples the policy update moves toward the demos). It costs no extra
 * fit, it is evaluated by the same forward pass as the other densities, and the approximation
 * only matters while q_K is far from the expert, when it gives the demos a small density and so
 * a large weight: exactly what keeps Ẑ from missing the demos' region and L from falling
 * without bound as R_θ rises there. A behaviour-cloning fit would be the other choice; it would
 * freeze an estimate that q_K keeps improving.
 *
 * <p>Only the last W iterations are kept (a ring). Each pair (policy snapshot k, block u) is
 * evaluated once: when a block arrives, every kept policy on it; when a policy arrives (with its
 * block), it on every kept block and the demos — 2W + 1 forward passes per iteration, not W².
 * Not thread-safe.
 */
final class GuidedCostLearningPool {

  /** The demos, or one iteration's samples and the policy parameters that drew them. */
  static final class Block {
    final int rows;
    final int numTrajectories;
    final DMatrixRMaj obs;
    final DMatrixRMaj actions;
    final int[] actionIndices;
    final double[] inputs;
    final int[] starts;
    /** π's parameters when it drew this block; null for the demos. */
    final List<DMatrixRMaj> snapshot;
    /** logQ[k][i]: log q_k(τ_i) under the policy of ring slot k, for each trajectory i. */
    final double[][] logQ;

    Block(int rows, int obsDim, int actionDim, double[] obs, double[] actions,
        int[] actionIndices, double[] inputs, int[] starts, List<DMatrixRMaj> snapshot,
        int capacity) {
      this.rows = rows;
      this.numTrajectories = starts.length;
      this.obs = DMatrixRMaj.wrap(rows, obsDim, obs);
      this.actions = DMatrixRMaj.wrap(rows, actionDim, actions);
      this.actionIndices = actionIndices;
      this.inputs = inputs;
      this.starts = starts;
      this.snapshot = snapshot;
      this.logQ = new double[capacity][numTrajectories];
    }
  }

  private final Policy policy;
  private final int capacity;
  private final int obsDim;
  private final int actionDim;
  private final int numActions;
  private final int inputDim;
  private final Block demos;
  private final Block[] ring;
  private int size;
  private int newest = -1;
  private final Tape tape = new Tape();
  private final List<Tensor> constants = new ArrayList<>();
  private final Policy.Evaluation evaluation = new Policy.Evaluation(null, null);
  // the assembled pool: demos, then the kept blocks oldest first
  private final DMatrixRMaj inputs = new DMatrixRMaj(1, 1);
  private int[] starts = new int[0];
  private int numTrajectories;
  private double[] logQ = new double[0];
  private final double[] alpha;
  private double[] logQbar = new double[0];

  /**
   * An empty pool in front of the demos.
   *
   * @param policy the sampling policy q; its parameters are copied at each {@link #add}. Not
   *     modified.
   * @param expert the demos. Not modified.
   * @param capacity W, the iterations kept
   */
  GuidedCostLearningPool(Policy policy, Transitions expert, int capacity) {
    this.policy = policy;
    this.capacity = capacity;
    this.obsDim = expert.observationDim();
    this.actionDim = expert.actionDim();
    this.numActions = expert.numActions();
    this.inputDim = GuidedCostLearningReward.inputDim(obsDim, actionDim, numActions);
    int n = expert.size();
    int[] demoStarts = new int[expert.numTrajectories()];
    for (int i = 0; i < demoStarts.length; i++) {
      demoStarts[i] = expert.start(i);
    }
    this.demos = new Block(n, obsDim, actionDim, expert.observations(), expert.actions(),
        expert.actionIndices(), GuidedCostLearningReward.input(expert.observations(),
            expert.actions(), n, obsDim, actionDim, numActions, new double[n * inputDim]),
        demoStarts, null, capacity);
    this.ring = new Block[capacity];
    this.alpha = new double[capacity];
  }

  /**
   * Appends an iteration's samples, drawn by the policy as it is now (the paper's
   * D_samp ← D_samp ∪ D_traj), evicting the oldest block beyond W, and recomputes log q̄.
   *
   * @param batch whole episodes from {@code Sampler.collectEpisodes} with the current policy.
   *     Not modified (its arrays are kept by reference).
   */
  void add(Batch batch) {
    int p = (newest + 1) % capacity;
    Block evicted = ring[p];
    List<DMatrixRMaj> snapshot = evicted != null ? evicted.snapshot : new ArrayList<>();
    List<DMatrixRMaj> live = policy.parameterValues();
    for (int k = 0; k < live.size(); k++) {
      if (snapshot.size() == k) {
        snapshot.add(live.get(k).copy());
      } else {
        snapshot.get(k).setTo(live.get(k));
      }
    }
    int n = batch.size();
    int[] blockStarts = new int[batch.numSegments()];
    boolean[] last = batch.last();
    for (int t = 0, k = 0; t < n; t++) {
      if (t == 0 || last[t - 1]) {
        blockStarts[k++] = t;
      }
    }
    Block b = new Block(n, obsDim, actionDim, batch.observations(), batch.actions(),
        batch.actionIndices(), GuidedCostLearningReward.input(batch.observations(),
            batch.actions(), n, obsDim, actionDim, numActions, new double[n * inputDim]),
        blockStarts, snapshot, capacity);
    ring[p] = b;
    newest = p;
    size = Math.min(size + 1, capacity);
    // the new policy on every kept block and the demos; every kept policy on the new block
    for (int i = 0; i < size; i++) {
      Block u = ring[slot(i)];
      logDensity(snapshot, u, u.logQ[p]);
      if (u != b) {
        logDensity(u.snapshot, b, b.logQ[slot(i)]);
      }
    }
    logDensity(snapshot, demos, demos.logQ[p]);
    assemble();
  }

  /** The ring slot of the i-th kept block, oldest first. */
  private int slot(int i) {
    return (newest - size + 1 + i + capacity) % capacity;
  }

  /** log q(τ_i) = Σ_t log π(a_t|s_t) of each trajectory of a block under given parameters. */
  private void logDensity(List<DMatrixRMaj> params, Block block, double[] out) {
    tape.reset();
    constants.clear();
    for (int k = 0; k < params.size(); k++) {
      constants.add(tape.constant(params.get(k)));
    }
    Policy.Evaluation ev = policy.evaluate(tape, tape.constant(block.obs), constants,
        block.actions, block.actionIndices, evaluation);
    GuidedCostLearningObjective.trajectorySums(ev.logProb().value().data, block.starts,
        block.numTrajectories, block.rows, out);
    tape.reset();
  }

  /** Lays the demos and the kept blocks end to end and computes log q̄ of every trajectory. */
  private void assemble() {
    int rows = demos.rows;
    int m = demos.numTrajectories;
    for (int i = 0; i < size; i++) {
      Block u = ring[slot(i)];
      rows += u.rows;
      m += u.numTrajectories;
    }
    numTrajectories = m;
    inputs.reshape(rows, inputDim);
    if (starts.length < m) {
      starts = new int[m];
      logQbar = new double[m];
    }
    if (logQ.length < capacity * m) {
      logQ = new double[capacity * m];
    }
    java.util.Arrays.fill(alpha, 0.0);
    for (int i = 0; i < size; i++) {
      int k = slot(i);
      alpha[k] = (ring[k].numTrajectories + (k == newest ? demos.numTrajectories : 0))
          / (double) m;
    }
    int row = 0;
    int j = 0;
    for (int i = -1; i < size; i++) {
      Block u = i < 0 ? demos : ring[slot(i)];
      System.arraycopy(u.inputs, 0, inputs.data, row * inputDim, u.rows * inputDim);
      for (int t = 0; t < u.numTrajectories; t++, j++) {
        starts[j] = row + u.starts[t];
        for (int k = 0; k < capacity; k++) {
          logQ[k * m + j] = alpha[k] > 0 ? u.logQ[k][t] : 0.0;
        }
      }
      row += u.rows;
    }
    GuidedCostLearningObjective.logMixtureDensity(logQ, capacity, m, alpha, logQbar);
  }

  /** The network inputs of every row, demos first; read only. */
  DMatrixRMaj inputs() {
    return inputs;
  }

  /** The first row of every trajectory, demos first; read only, length ≥ M. */
  int[] starts() {
    return starts;
  }

  /** M, the trajectories (demos included). */
  int numTrajectories() {
    return numTrajectories;
  }

  /** N, the demos (the first trajectories). */
  int numDemos() {
    return demos.numTrajectories;
  }

  /** log q̄(τ_j) of every trajectory; read only, length ≥ M. */
  double[] logQbar() {
    return logQbar;
  }

  /** The mixture weights α_k by ring slot (0 for empty slots); read only. */
  double[] mixtureWeights() {
    return alpha;
  }

  /** The iterations kept. */
  int size() {
    return size;
  }

  /** The newest block's network inputs (the rows of the last {@link #add}'s batch). */
  DMatrixRMaj newestInputs(DMatrixRMaj out) {
    Block b = ring[newest];
    out.reshape(b.rows, inputDim);
    System.arraycopy(b.inputs, 0, out.data, 0, b.rows * inputDim);
    return out;
  }

  /** log q_k(τ) of the newest block's trajectories under the policy that drew them. */
  double[] newestSelfLogDensity() {
    return ring[newest].logQ[newest].clone();
  }
}
