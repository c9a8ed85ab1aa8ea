package org.gridrl.multitask;

/**
 * The plumbing PCGrad, MGDA and CAGrad share: each chooses its weights α from the Gram matrix
 * G_ij = g_i·g_j alone, so {@link #combine} computes G into this workspace (the kernel that
 * skips zero blocks) and {@link #combineGivenGram} checks the caller's G and copies it in; both
 * then hand over to the combiner's {@link #fromGram}. The same G either way, so the two paths
 * give bitwise the same direction (see {@link Combiners#gram}).
 *
 * <p>The workspace grows to the largest task count seen ({@link #allocate} sizes the
 * combiner's own arrays at the same moment) and is then reused: a call after warm-up allocates
 * nothing.
 */
abstract sealed class GramCombiner implements GradientCombiner permits PcGrad, Mgda, CaGrad {

  /** G, row-major T×T in its first T² entries; holds the current call's G inside fromGram. */
  double[] gram = new double[0];
  private boolean[] blocks = new boolean[0];
  private int capacity;

  @Override
  public final void combine(double[][] taskGradients, int numTasks, int dim, double[] out) {
    prepare(taskGradients, numTasks, dim, out);
    fromGram(taskGradients, numTasks, dim, out);
  }

  /**
   * What {@link #combine} does before {@link #fromGram}: checks the arguments, sizes the
   * workspace and computes G into {@link #gram} (for a combiner's own entry points).
   */
  final void prepare(double[][] taskGradients, int numTasks, int dim, double[] out) {
    Combiners.check(taskGradients, numTasks, dim, out);
    ensureCapacity(numTasks);
    blocks = Combiners.gram(taskGradients, numTasks, dim, gram, blocks);
  }

  @Override
  public final void combineGivenGram(double[][] taskGradients, int numTasks, int dim,
      double[] gram, double[] out) {
    Combiners.check(taskGradients, numTasks, dim, out);
    Combiners.checkGram(gram, numTasks);
    ensureCapacity(numTasks);
    System.arraycopy(gram, 0, this.gram, 0, numTasks * numTasks);
    fromGram(taskGradients, numTasks, dim, out);
  }

  /** The combination once {@link #gram} holds the rows' Gram matrix; arguments are checked. */
  abstract void fromGram(double[][] taskGradients, int numTasks, int dim, double[] out);

  /** Sizes the combiner's own workspace for t tasks (called only when t exceeds all before). */
  abstract void allocate(int t);

  private void ensureCapacity(int t) {
    if (t > capacity) {
      capacity = t;
      gram = new double[t * t];
      allocate(t);
    }
  }
}
