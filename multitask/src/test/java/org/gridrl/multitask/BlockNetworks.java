package org.gridrl.multitask;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.dist.Categorical;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.util.Rng;

/**
 * Networks over [s, e_k] whose parameters split by task: f(s, k) = Σ_j e_k[j]·f_j(s), so the
 * rows of task k go through f_k alone (1·f_k(s) + 0·f_j(s) = f_k(s) exactly, and the gradient
 * of those rows with respect to f_j, j ≠ k, is exactly 0). The blocks' parameters are listed
 * block after block.
 */
final class BlockNetworks {

  private BlockNetworks() {}

  /** Σ_j gate_j ⊙ blocks_j(s) on the rows of x = [s, e]. */
  static Tensor forward(Tape tape, Tensor x, List<? extends Module> blocks, int baseDim,
      List<Tensor> params, int offset) {
    int m = x.rows();
    Tensor s = tape.slice(x, 0, m, 0, baseDim);
    Tensor out = null;
    int off = offset;
    for (int j = 0; j < blocks.size(); j++) {
      Tensor gate = tape.slice(x, 0, m, baseDim + j, baseDim + j + 1);
      Tensor y = tape.mul(gate, blocks.get(j).forward(tape, s, params, off));
      out = out == null ? y : tape.add(out, y);
      off += blocks.get(j).parameters().size();
    }
    return out;
  }

  static List<Parameter> parameters(List<? extends Module> blocks) {
    List<Parameter> ps = new ArrayList<>();
    for (Module b : blocks) {
      ps.addAll(b.parameters());
    }
    return ps;
  }

  /** The value V(s, k) = V_k(s). */
  static final class Value implements Module {
    final List<Mlp> blocks;
    final int baseDim;

    Value(List<Mlp> blocks, int baseDim) {
      this.blocks = blocks;
      this.baseDim = baseDim;
    }

    @Override
    public List<Parameter> parameters() {
      return BlockNetworks.parameters(blocks);
    }

    @Override
    public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
      return BlockNetworks.forward(tape, x, blocks, baseDim, params, offset);
    }
  }

  /** The categorical policy with logits(s, k) = logits_k(s). */
  static final class CategoricalBlocks implements Policy {
    final List<Mlp> blocks;
    final int baseDim;
    final int numActions;

    CategoricalBlocks(List<Mlp> blocks, int baseDim, int numActions) {
      this.blocks = blocks;
      this.baseDim = baseDim;
      this.numActions = numActions;
    }

    @Override
    public List<Parameter> parameters() {
      return BlockNetworks.parameters(blocks);
    }

    @Override
    public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
      return BlockNetworks.forward(tape, x, blocks, baseDim, params, offset);
    }

    @Override
    public int observationDim() {
      return baseDim + blocks.size();
    }

    @Override
    public int actionDim() {
      return 1;
    }

    @Override
    public boolean discrete() {
      return true;
    }

    @Override
    public Module network() {
      return this;
    }

    @Override
    public Evaluation evaluate(Tape tape, Tensor obs, List<Tensor> params, DMatrixRMaj actions,
        int[] actionIndices) {
      Categorical d = new Categorical(tape, forward(tape, obs, params, 0));
      return new Evaluation(d.logProb(actionIndices), d.entropy());
    }

    @Override
    public void act(Tape tape, DMatrixRMaj obs, Rng rng, DMatrixRMaj actionsOut,
        double[] logProbOut) {
      Categorical d = new Categorical(tape, forward(tape, tape.constant(obs), bind(tape), 0));
      actionsOut.reshape(obs.numRows, 1);
      for (int i = 0; i < obs.numRows; i++) {
        int a = d.sample(i, rng);
        actionsOut.data[i] = a;
        logProbOut[i] = d.logProbValue(i, a);
      }
    }
  }
}
