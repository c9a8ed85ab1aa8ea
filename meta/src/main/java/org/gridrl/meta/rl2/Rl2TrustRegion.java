package org.gridrl.meta.rl2;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.dist.Categorical;
import org.gridrl.core.dist.DiagGaussian;
import org.gridrl.core.optim.TrustRegion;
import org.gridrl.core.pg.Gae;
import org.gridrl.core.util.Check;

/**
 * RL²'s TRPO outer step ({@link Rl2Config.Outer#TRPO}; Schulman et al. 2015, as the RL² paper
 * ran it with rllab's {@code TRPO} on {@code ConjugateGradientOptimizer}), on one sampled batch
 * of B whole trials:
 * <pre>
 *   max_θ L(θ) = (1/N) Σ_{b,t} [π_θ(a_t|h_t^θ) / π_old(a_t|h_t^old)] Â_t
 *                 + c_H (1/N) Σ_{b,t} H(π_θ(·|h_t^θ))
 *   s.t.  D(θ) = (1/N) Σ_{b,t} KL(π_old(·|h_t^old) ‖ π_θ(·|h_t^θ)) ≤ δ,
 * </pre>
 * N = B·T steps, h_t^θ the GRU unrolled from h_0 = 0 over the stored inputs of the whole trial
 * with parameters θ (so both L and D are differentiated through time), π_old the sampling
 * policy (θ_old; its per-step distributions are recomputed once at θ_old, so L(θ_old) has ratio
 * 1 exactly and D(θ_old) = 0). The step is core's {@link TrustRegion#step} (conjugate gradient
 * on H = ∇²D(θ_old), β = √(2δ / sᵀHs), backtracking until L improves and D ≤ δ, else no
 * move); H·v is exact, ∇_θ(∇_θ D · v) by reverse mode over the recorded first backward pass
 * (core.autodiff's second order through {@code Gru}). θ is the policy's parameters only (the
 * GRU and the policy head, and log σ of a Gaussian head); Â is the GAE of {@link Rl2#update},
 * standardised over the whole batch when {@code normalizeAdvantages} (rllab's
 * {@code center_adv}). The trials are processed in chunks of {@code minibatchTrials} (each
 * chunk's tape is rebuilt per product, so memory is one chunk's second-order graph); the sums
 * run in trial order, so the numbers do not depend on anything but the config and the batch.
 *
 * <p><b>The value head.</b> {@link Rl2Network} shares one GRU between the policy and V. A
 * value-loss step through the GRU would move the policy after the trust-region step and break its
 * KL bound, so here the GRU is the policy's alone: V(h) = h W_V + b_V is refitted after the step,
 * on the features h_t of the new θ, by ridge least squares to the batch's targets R = Â + V_old
 * (the targets PPO's value loss uses), as rllab fits its baseline apart from the policy by least
 * squares with a regulariser 1e-5 that grows ×10 until the solve succeeds ({@code
 * LinearFeatureBaseline}); here the regulariser is not applied to b_V. The next iteration's V_old
 * comes from this fit. This critic is weaker than PPO's, whose GRU also learns from the value loss:
 * with λ = 0.3 on 10-armed bandits it explains about half the targets' variance where PPO's
 * explains 99%, and TRPO steps then lower the return (see docs/results/meta.md, "Where RL² loses at
 * n = 100"); λ = 1 removes that bias. {@code valueCoef}, {@code learningRate}, {@code epochs},
 * {@code clipRatio} (except to count the clip fraction) and {@code maxGradNorm} are unused.
 */
public final class Rl2TrustRegion {

  private static final double BASE_RIDGE = 1e-5;

  private Rl2TrustRegion() {
  }

  /**
   * What one TRPO update did, measured at the returned θ (recomputed after the step).
   *
   * @param step core's account of the trust-region step
   * @param policyLoss −(1/N) Σ ρ Â (without the entropy term)
   * @param valueLoss ½ mean (V − R)² after the value head's fit
   * @param entropy mean H(π_θ)
   * @param kl D(θ), the mean KL(π_old ‖ π_θ), recomputed
   * @param clipFraction share of steps with |ρ − 1| &gt; ε (for comparison with PPO's)
   */
  public record Update(TrustRegion.Step step, double policyLoss, double valueLoss,
      double entropy, double kl, double clipFraction) {
  }

  /**
   * One TRPO update of {@code network} on {@code batch}: the trust-region step on the policy's
   * parameters, then the least-squares fit of the value head (see the class comment).
   *
   * @param tape scratch. Reset.
   * @param advantages Â by GAE, trial-major (b·T + t). Not modified.
   * @param targets R = Â + V_old, trial-major. Not modified.
   * @return the step and the measurements at the returned θ
   */
  public static Update update(Rl2Network network, Tape tape, Rl2.TrialBatch batch,
      double[] advantages, double[] targets, Rl2Config config) {
    Problem problem = new Problem(network, tape, batch, advantages, config);
    double[] x = problem.theta();
    TrustRegion.Step step = TrustRegion.step(problem, problem.gradient(), config.trustRegion(),
        x);
    problem.write(x);
    return problem.measureAndFitValue(step, targets);
  }

  /**
   * The TRPO problem around θ_old = the network's current policy parameters: L, D, ∇L, H·v on
   * a fixed batch. Evaluating never changes the network; {@link #write} does.
   */
  public static final class Problem implements TrustRegion.Problem {

    private final Rl2Network network;
    private final Tape tape;
    private final Rl2.TrialBatch batch;
    private final Rl2Config config;
    private final int[] policyIndex;
    private final List<DMatrixRMaj> scratch = new ArrayList<>();
    private final List<DMatrixRMaj> direction = new ArrayList<>();
    private final List<Chunk> chunks = new ArrayList<>();
    private final double[] theta0;
    private final DMatrixRMaj oldLogStd;
    private final int rows;

    /**
     * Fixes θ_old, the old distributions and Â (standardised over the batch when the config
     * says so).
     *
     * @param tape scratch. Reset by every call.
     * @param advantages Â, trial-major. Not modified.
     */
    public Problem(Rl2Network network, Tape tape, Rl2.TrialBatch batch, double[] advantages,
        Rl2Config config) {
      this.network = Check.notNull("network", network);
      this.tape = Check.notNull("tape", tape);
      this.batch = Check.notNull("batch", batch);
      this.config = Check.notNull("config", config);
      int b = batch.trials();
      int len = batch.length();
      Check.argument(advantages.length == b * len, "advantages must hold %s entries, got %s",
          b * len, advantages.length);
      this.rows = b * len;
      int n = network.parameters().size();
      List<Integer> idx = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        if (k != Rl2Network.V && k != Rl2Network.V + 1) {
          idx.add(k);
        }
      }
      this.policyIndex = idx.stream().mapToInt(Integer::intValue).toArray();
      for (int k : policyIndex) {
        DMatrixRMaj p = network.parameters().get(k).value();
        scratch.add(new DMatrixRMaj(p.numRows, p.numCols));
        direction.add(new DMatrixRMaj(p.numRows, p.numCols));
      }
      this.theta0 = theta();
      this.oldLogStd = network.discrete() ? null
          : network.parameters().get(Rl2Network.LOG_STD).value().copy();
      double[] adv = advantages.clone();
      if (config.normalizeAdvantages()) {
        Gae.normalize(adv, 0, adv.length);
      }
      int size = config.minibatchTrials();
      for (int lo = 0; lo < b; lo += size) {
        int hi = Math.min(b, lo + size);
        int[] trials = new int[hi - lo];
        for (int j = 0; j < trials.length; j++) {
          trials[j] = lo + j;
        }
        chunks.add(new Chunk(trials, batch, adv, network));
      }
      // the old distributions: one forward pass at θ_old per chunk
      for (Chunk c : chunks) {
        tape.reset();
        List<Tensor> params = leaves(theta0, false);
        Tensor heads = unroll(params, c, null);
        c.oldHead.setTo(heads.value());
        Tensor lp = logProb(heads, params, c);
        c.oldLogProb.setTo(lp.value());
      }
    }

    /** log π_old(a_t | h_t) recomputed at θ_old, trial-major (b·T + t), for the tests. */
    double[] oldLogProbs() {
      int len = batch.length();
      double[] out = new double[rows];
      for (Chunk c : chunks) {
        int m = c.trials.length;
        for (int t = 0; t < len; t++) {
          for (int j = 0; j < m; j++) {
            out[c.trials[j] * len + t] = c.oldLogProb.data[t * m + j];
          }
        }
      }
      return out;
    }

    /** θ_old flattened: the policy's parameters in the network's order. */
    public double[] theta() {
      return TrustRegion.flatten(policyValues());
    }

    /** Writes a flattened θ into the network's policy parameters. */
    public void write(double[] x) {
      Check.length("x", x, theta0.length);
      TrustRegion.unflatten(x, policyValues());
    }

    private List<DMatrixRMaj> policyValues() {
      List<DMatrixRMaj> out = new ArrayList<>(policyIndex.length);
      for (int k : policyIndex) {
        out.add(network.parameters().get(k).value());
      }
      return out;
    }

    /** ∇L(θ_old), flattened as {@link #theta}. */
    public double[] gradient() {
      double[] out = new double[theta0.length];
      for (Chunk c : chunks) {
        tape.reset();
        List<Tensor> params = leaves(theta0, true);
        Tensor heads = unroll(params, c, null);
        Tensor surrogate = surrogate(heads, params, c);
        accumulate(tape.grad(surrogate, policy(params), false), out);
      }
      return out;
    }

    /**
     * ∇D(x), flattened: the KL's gradient at any θ (zero at θ_old); finite differences of it
     * check {@link #hessianVectorProduct}.
     */
    public double[] klGradient(double[] x) {
      Check.length("x", x, theta0.length);
      double[] out = new double[theta0.length];
      for (Chunk c : chunks) {
        tape.reset();
        List<Tensor> params = leaves(x, true);
        Tensor kl = kl(unroll(params, c, null), params, c);
        accumulate(tape.grad(kl, policy(params), false), out);
      }
      return out;
    }

    @Override
    public void hessianVectorProduct(double[] v, double[] out) {
      Check.length("v", v, theta0.length);
      Check.length("out", out, theta0.length);
      TrustRegion.unflatten(v, direction);
      java.util.Arrays.fill(out, 0.0);
      for (Chunk c : chunks) {
        tape.reset();
        List<Tensor> params = leaves(theta0, true);
        List<Tensor> th = policy(params);
        Tensor kl = kl(unroll(params, c, null), params, c);
        List<Tensor> g = tape.grad(kl, th, true);
        Tensor gv = null;
        for (int j = 0; j < th.size(); j++) {
          Tensor term = tape.sum(tape.mul(g.get(j), tape.constant(direction.get(j))));
          gv = gv == null ? term : tape.add(gv, term);
        }
        accumulate(tape.grad(gv, th, false), out);
      }
    }

    @Override
    public void evaluate(double[] x, double[] out) {
      Check.length("x", x, theta0.length);
      out[0] = 0;
      out[1] = 0;
      for (Chunk c : chunks) {
        tape.reset();
        List<Tensor> params = leaves(x, false);
        Tensor heads = unroll(params, c, null);
        out[0] += surrogate(heads, params, c).item();
        out[1] += kl(heads, params, c).item();
      }
    }

    /**
     * At the network's current θ: the policy loss, entropy, KL and clip fraction, and the value
     * head's least-squares fit to {@code targets} on the GRU's features (written into the
     * network).
     */
    Update measureAndFitValue(TrustRegion.Step step, double[] targets) {
      int hidden = network.hidden();
      int f = hidden + 1;
      DMatrixRMaj a = new DMatrixRMaj(f, f);
      DMatrixRMaj rhs = new DMatrixRMaj(f, 1);
      double[] row = new double[f];
      double ratioAdv = 0;
      double entropy = 0;
      double kl = 0;
      int clipped = 0;
      int len = batch.length();
      List<DMatrixRMaj> features = new ArrayList<>(chunks.size());
      double[] x = theta();
      for (Chunk c : chunks) {
        tape.reset();
        List<Tensor> params = leaves(x, false);
        List<Tensor> states = new ArrayList<>(len);
        Tensor heads = unroll(params, c, states);
        double[] lp = logProb(heads, params, c).value().data;
        for (int r = 0; r < c.rows; r++) {
          double ratio = Math.exp(lp[r] - c.oldLogProb.data[r]);
          ratioAdv += ratio * c.adv.data[r];
          if (Math.abs(ratio - 1) > config.clipRatio()) {
            clipped++;
          }
        }
        entropy += tape.sum(entropyRows(heads, params)).item();
        kl += kl(heads, params, c).item();
        DMatrixRMaj h = tape.concat(states, 0).value().copy();
        features.add(h);
        int m = c.trials.length;
        for (int t = 0; t < len; t++) {
          for (int j = 0; j < m; j++) {
            int r = t * m + j;
            System.arraycopy(h.data, r * hidden, row, 0, hidden);
            row[hidden] = 1.0;
            double y = targets[c.trials[j] * len + t];
            for (int p = 0; p < f; p++) {
              rhs.data[p] += row[p] * y;
              for (int q = 0; q < f; q++) {
                a.data[p * f + q] += row[p] * row[q];
              }
            }
          }
        }
      }
      DMatrixRMaj w = ridge(a, rhs, hidden);
      DMatrixRMaj vw = network.parameters().get(Rl2Network.V).value();
      DMatrixRMaj vb = network.parameters().get(Rl2Network.V + 1).value();
      System.arraycopy(w.data, 0, vw.data, 0, hidden);
      vb.data[0] = w.data[hidden];
      double sq = 0;
      for (int ci = 0; ci < chunks.size(); ci++) {
        Chunk c = chunks.get(ci);
        DMatrixRMaj h = features.get(ci);
        int m = c.trials.length;
        for (int t = 0; t < len; t++) {
          for (int j = 0; j < m; j++) {
            int r = t * m + j;
            double v = vb.data[0];
            for (int k = 0; k < hidden; k++) {
              v += h.data[r * hidden + k] * vw.data[k];
            }
            double e = v - targets[c.trials[j] * len + t];
            sq += e * e;
          }
        }
      }
      return new Update(step, -ratioAdv / rows, 0.5 * sq / rows, entropy / rows, kl,
          (double) clipped / rows);
    }

    // ------------------------------------------------------------------ the pieces on the tape

    /** All network parameters as leaves: the policy's from x, the value head's as they are. */
    private List<Tensor> leaves(double[] x, boolean parameter) {
      TrustRegion.unflatten(x, scratch);
      List<Tensor> out = new ArrayList<>(network.parameters().size());
      int j = 0;
      for (int k = 0; k < network.parameters().size(); k++) {
        if (j < policyIndex.length && policyIndex[j] == k) {
          DMatrixRMaj m = scratch.get(j++);
          out.add(parameter ? tape.parameter(m) : tape.constant(m));
        } else {
          out.add(tape.constant(network.parameters().get(k).value()));
        }
      }
      return out;
    }

    private List<Tensor> policy(List<Tensor> params) {
      List<Tensor> out = new ArrayList<>(policyIndex.length);
      for (int k : policyIndex) {
        out.add(params.get(k));
      }
      return out;
    }

    /** The policy head's output of every step of the chunk's trials, rows t·m + j. */
    private Tensor unroll(List<Tensor> params, Chunk c, List<Tensor> states) {
      int m = c.trials.length;
      int len = batch.length();
      int in = batch.inputDim();
      List<Tensor> heads = new ArrayList<>(len);
      Tensor h = network.gru().initialState(tape, m);
      for (int t = 0; t < len; t++) {
        Tensor xt = tape.filled(m, in, 0.0);
        for (int j = 0; j < m; j++) {
          System.arraycopy(batch.inputs()[t], c.trials[j] * in, xt.value().data, j * in, in);
        }
        h = network.step(tape, xt, h, params);
        if (states != null) {
          states.add(h);
        }
        heads.add(network.head(tape, h, params));
      }
      return tape.concat(heads, 0);
    }

    private Tensor logProb(Tensor heads, List<Tensor> params, Chunk c) {
      if (network.discrete()) {
        return new Categorical(tape, heads).logProb(c.actions);
      }
      return new DiagGaussian(tape, heads, network.logStd(params))
          .logProb(tape.constant(c.continuous));
    }

    private Tensor entropyRows(Tensor heads, List<Tensor> params) {
      if (network.discrete()) {
        return new Categorical(tape, heads).entropy();
      }
      return new DiagGaussian(tape, heads, network.logStd(params)).entropy();
    }

    /** (1/N) Σ_chunk [ρ Â + c_H H]. */
    private Tensor surrogate(Tensor heads, List<Tensor> params, Chunk c) {
      Tensor logProb;
      Tensor entropyRows;
      if (network.discrete()) {
        Categorical pi = new Categorical(tape, heads);
        logProb = pi.logProb(c.actions);
        entropyRows = pi.entropy();
      } else {
        DiagGaussian pi = new DiagGaussian(tape, heads, network.logStd(params));
        logProb = pi.logProb(tape.constant(c.continuous));
        entropyRows = pi.entropy();
      }
      Tensor ratio = tape.exp(tape.sub(logProb, tape.constant(c.oldLogProb)));
      Tensor gain = tape.sum(tape.mul(ratio, tape.constant(c.adv)));
      Tensor ent = tape.sum(entropyRows);
      return tape.mul(tape.add(gain, tape.mul(ent, config.entropyCoef())), 1.0 / rows);
    }

    /** (1/N) Σ_chunk KL(π_old ‖ π_θ). */
    private Tensor kl(Tensor heads, List<Tensor> params, Chunk c) {
      Tensor perRow;
      if (network.discrete()) {
        perRow = new Categorical(tape, tape.constant(c.oldHead))
            .kl(new Categorical(tape, heads));
      } else {
        perRow = new DiagGaussian(tape, tape.constant(c.oldHead), tape.constant(oldLogStd))
            .kl(new DiagGaussian(tape, heads, network.logStd(params)));
      }
      return tape.mul(tape.sum(perRow), 1.0 / rows);
    }

    private static void accumulate(List<Tensor> xs, double[] out) {
      int at = 0;
      for (Tensor t : xs) {
        double[] d = t.value().data;
        for (int e = 0, n = t.value().getNumElements(); e < n; e++) {
          out[at++] += d[e];
        }
      }
    }
  }

  /**
   * w = (XᵀX + r·I')⁻¹ Xᵀy with I' the identity without the bias's entry, r = 1e-5, ×10 until
   * the Cholesky solve succeeds with a finite answer (at most 5 tries, as rllab's
   * {@code LinearFeatureBaseline}).
   */
  static DMatrixRMaj ridge(DMatrixRMaj xtx, DMatrixRMaj xty, int weights) {
    int f = xtx.numRows;
    double r = BASE_RIDGE;
    for (int attempt = 0; attempt < 5; attempt++, r *= 10) {
      DMatrixRMaj a = xtx.copy();
      for (int k = 0; k < weights; k++) {
        a.data[k * f + k] += r;
      }
      LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(f);
      DMatrixRMaj w = new DMatrixRMaj(f, 1);
      if (solver.setA(a)) {
        solver.solve(xty, w);
        boolean finite = true;
        for (double v : w.data) {
          finite &= Double.isFinite(v);
        }
        if (finite) {
          return w;
        }
      }
    }
    throw new ArithmeticException("the value head's least-squares fit failed up to ridge " + r);
  }

  /** The fixed data of a chunk of trials, rows ordered t·m + j. */
  private static final class Chunk {
    final int[] trials;
    final int rows;
    final int[] actions;
    final DMatrixRMaj continuous;
    final DMatrixRMaj oldHead;
    final DMatrixRMaj oldLogProb;
    final DMatrixRMaj adv;

    Chunk(int[] trials, Rl2.TrialBatch batch, double[] advantages, Rl2Network network) {
      this.trials = trials;
      int m = trials.length;
      int len = batch.length();
      this.rows = m * len;
      int d = network.actionDim();
      this.actions = network.discrete() ? new int[rows] : null;
      this.continuous = network.discrete() ? null : new DMatrixRMaj(rows, d);
      this.oldHead = new DMatrixRMaj(rows, d);
      this.oldLogProb = new DMatrixRMaj(rows, 1);
      this.adv = new DMatrixRMaj(rows, 1);
      for (int t = 0; t < len; t++) {
        for (int j = 0; j < m; j++) {
          int b = trials[j];
          int r = t * m + j;
          if (actions != null) {
            actions[r] = batch.actions()[t][b];
          } else {
            System.arraycopy(batch.continuousActions()[t], b * d, continuous.data, r * d, d);
          }
          adv.data[r] = advantages[b * len + t];
        }
      }
    }
  }
}
