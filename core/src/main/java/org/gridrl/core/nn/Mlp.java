package org.gridrl.core.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.util.Rng;

/**
 * A multilayer perceptron h_0 = x, h_{l+1} = act(h_l W_l + b_l) for hidden layers, and a
 * linear output layer y = h_{L−1} W_{L−1} + b_{L−1}. Parameters, in order:
 * {@code layer0.weight, layer0.bias, layer1.weight, ...}.
 */
public final class Mlp implements Module {

  private final int[] sizes;
  private final Activation activation;
  private final List<Linear> layers;
  private final List<Parameter> parameters;

  /**
   * An MLP with the given layer sizes (input first, output last), hidden activation, weight
   * initialisation for every layer, zero biases.
   *
   * @param sizes at least two sizes, each ≥ 1, e.g. {32, 64, 64, 5}
   * @param activation applied after every layer but the last
   * @param init weight initialisation
   * @param rng the random stream. Modified.
   */
  public Mlp(int[] sizes, Activation activation, Init init, Rng rng) {
    this(sizes, activation, init, init, rng);
  }

  /**
   * As {@link #Mlp(int[], Activation, Init, Rng)} with a separate initialisation for the output
   * layer (for example orthogonal with gain 0.01 for a policy head).
   */
  public Mlp(int[] sizes, Activation activation, Init hiddenInit, Init outputInit, Rng rng) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("an Mlp needs at least input and output sizes, got "
          + Arrays.toString(sizes));
    }
    this.sizes = sizes.clone();
    this.activation = activation;
    List<Linear> ls = new ArrayList<>();
    List<Parameter> ps = new ArrayList<>();
    for (int l = 0; l + 1 < sizes.length; l++) {
      Init init = l + 2 == sizes.length ? outputInit : hiddenInit;
      Linear layer = new Linear("layer" + l, sizes[l], sizes[l + 1], init, rng);
      ls.add(layer);
      ps.addAll(layer.parameters());
    }
    this.layers = Collections.unmodifiableList(ls);
    this.parameters = Collections.unmodifiableList(ps);
  }

  /** Layer sizes, input first. */
  public int[] sizes() {
    return sizes.clone();
  }

  /** The hidden activation. */
  public Activation activation() {
    return activation;
  }

  /** The affine layers, input side first. */
  public List<Linear> layers() {
    return layers;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
    Tensor h = x;
    for (int l = 0; l < layers.size(); l++) {
      h = layers.get(l).forward(tape, h, params, offset + 2 * l);
      if (l + 1 < layers.size()) {
        h = activation.apply(tape, h);
      }
    }
    return h;
  }
}
