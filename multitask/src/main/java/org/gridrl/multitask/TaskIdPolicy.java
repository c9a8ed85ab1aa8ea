package org.gridrl.multitask;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.env.OneHotTask;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * π(a | s, k) of a task-conditioned policy seen as task k's own policy π_k(a | s): each row s of
 * the observation becomes [s, e_k] ({@link OneHotTask#append}) before the shared policy sees it.
 * The observation is a constant, so its value is copied into a widened matrix, put on the tape
 * as a constant, and {@code evaluate}, {@code act} and {@code forward} delegate. The parameters
 * are the shared policy's (not copied: training the shared policy changes this one). Each call
 * allocates the widened matrix: for evaluation, not for a training hot loop.
 */
public final class TaskIdPolicy implements Policy {

  private final Policy shared;
  private final int task;
  private final int numTasks;
  private final int baseDim;

  /**
   * Task k's view of {@code shared}.
   *
   * @param shared the task-conditioned policy over [s, e_k], observation dim d + T
   * @param task k, 0 ≤ k &lt; T
   * @param numTasks T ≥ 1
   */
  public TaskIdPolicy(Policy shared, int task, int numTasks) {
    Check.notNull("shared", shared);
    Check.positive("numTasks", numTasks);
    if (task < 0 || task >= numTasks) {
      throw new IllegalArgumentException("task index " + task + " out of range [0, " + numTasks
          + ")");
    }
    if (shared.observationDim() <= numTasks) {
      throw new IllegalArgumentException("the shared policy's observation dim "
          + shared.observationDim() + " leaves no room for a state before " + numTasks
          + " task coordinates");
    }
    this.shared = shared;
    this.task = task;
    this.numTasks = numTasks;
    this.baseDim = shared.observationDim() - numTasks;
  }

  /** The task-conditioned policy this view delegates to. */
  public Policy shared() {
    return shared;
  }

  /** k. */
  public int task() {
    return task;
  }

  /** [s_i, e_k] for every row s_i of {@code obs}, a new m × (d + T) matrix. */
  public DMatrixRMaj widen(DMatrixRMaj obs) {
    if (obs.numCols != baseDim) {
      throw new IllegalArgumentException("observation has " + obs.numCols + " columns, task "
          + task + " expects " + baseDim);
    }
    int m = obs.numRows;
    int w = baseDim + numTasks;
    DMatrixRMaj out = new DMatrixRMaj(m, w);
    for (int i = 0; i < m; i++) {
      System.arraycopy(obs.data, i * baseDim, out.data, i * w, baseDim);
      out.data[i * w + baseDim + task] = 1.0;
    }
    return out;
  }

  @Override
  public int observationDim() {
    return baseDim;
  }

  @Override
  public int actionDim() {
    return shared.actionDim();
  }

  @Override
  public boolean discrete() {
    return shared.discrete();
  }

  /** The shared trunk; its input is the widened observation [s, e_k]. */
  @Override
  public Module network() {
    return shared.network();
  }

  @Override
  public List<Parameter> parameters() {
    return shared.parameters();
  }

  @Override
  public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
    return shared.forward(tape, tape.constant(widen(x.value())), params, offset);
  }

  @Override
  public Evaluation evaluate(Tape tape, Tensor obs, List<Tensor> params, DMatrixRMaj actions,
      int[] actionIndices) {
    return shared.evaluate(tape, tape.constant(widen(obs.value())), params, actions,
        actionIndices);
  }

  @Override
  public void act(Tape tape, DMatrixRMaj obs, Rng rng, DMatrixRMaj actionsOut,
      double[] logProbOut) {
    shared.act(tape, widen(obs), rng, actionsOut, logProbOut);
  }

  @Override
  public String toString() {
    return "TaskIdPolicy[task " + task + " of " + numTasks + ", " + shared + "]";
  }
}
