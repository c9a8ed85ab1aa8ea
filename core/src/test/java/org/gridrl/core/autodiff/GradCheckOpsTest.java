package org.gridrl.core.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op against central finite differences, first and second order, on random seeded shapes.
 * Each op's output y enters the loss L = Σ y ⊙ tanh(y), so the second-order check also goes
 * through the backward rule of the op itself (not only of the loss).
 */
class GradCheckOpsTest extends TestBase {

  static final double EPS = 1e-5;
  static final double TOL1 = 1e-7;
  static final double TOL2 = 1e-6;

  /** Input domains: general (kept off the kinks of relu and clamp), and positive. */
  enum Domain { ANY, POSITIVE }

  /** Input shapes from (m, n). */
  interface Shapes {
    int[][] of(int m, int n);
  }

  record Case(String name, Domain domain, Shapes shapes, BiFunction<Tape, List<Tensor>, Tensor> op) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Shapes same(int count) {
    return (m, n) -> {
      int[][] s = new int[count][];
      for (int i = 0; i < count; i++) {
        s[i] = new int[] {m, n};
      }
      return s;
    };
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    Shapes[] pairs = {same(2), (m, n) -> new int[][] {{m, n}, {1, n}},
        (m, n) -> new int[][] {{m, n}, {m, 1}}, (m, n) -> new int[][] {{1, 1}, {m, n}},
        (m, n) -> new int[][] {{1, n}, {m, 1}}};
    String[] pairNames = {"same", "row", "column", "scalar", "rowByColumn"};
    for (int p = 0; p < pairs.length; p++) {
      c.add(new Case("add/" + pairNames[p], Domain.ANY, pairs[p], (t, x) -> t.add(x.get(0), x.get(1))));
      c.add(new Case("sub/" + pairNames[p], Domain.ANY, pairs[p], (t, x) -> t.sub(x.get(0), x.get(1))));
      c.add(new Case("mul/" + pairNames[p], Domain.ANY, pairs[p], (t, x) -> t.mul(x.get(0), x.get(1))));
      c.add(new Case("div/" + pairNames[p], Domain.POSITIVE, pairs[p], (t, x) -> t.div(x.get(0), x.get(1))));
    }
    Shapes one = same(1);
    c.add(new Case("neg", Domain.ANY, one, (t, x) -> t.neg(x.get(0))));
    c.add(new Case("addScalar", Domain.ANY, one, (t, x) -> t.add(x.get(0), 0.7)));
    c.add(new Case("mulScalar", Domain.ANY, one, (t, x) -> t.mul(x.get(0), -1.3)));
    c.add(new Case("matmul", Domain.ANY, (m, n) -> new int[][] {{m, n}, {n, m + 1}},
        (t, x) -> t.matmul(x.get(0), x.get(1))));
    c.add(new Case("matmulTransA", Domain.ANY, (m, n) -> new int[][] {{n, m}, {n, 3}},
        (t, x) -> t.matmulTransA(x.get(0), x.get(1))));
    c.add(new Case("matmulTransB", Domain.ANY, (m, n) -> new int[][] {{m, n}, {2, n}},
        (t, x) -> t.matmulTransB(x.get(0), x.get(1))));
    // one tensor used twice: adjoint contributions must accumulate, not overwrite or alias
    c.add(new Case("matmulSelf", Domain.ANY, (m, n) -> new int[][] {{m, m}},
        (t, x) -> t.matmul(x.get(0), x.get(0))));
    c.add(new Case("addSelf", Domain.ANY, one, (t, x) -> t.add(x.get(0), x.get(0))));
    c.add(new Case("subOfTanhSelf", Domain.ANY, one,
        (t, x) -> t.sub(t.tanh(x.get(0)), t.mul(x.get(0), x.get(0)))));
    c.add(new Case("transpose", Domain.ANY, one, (t, x) -> t.transpose(x.get(0))));
    c.add(new Case("exp", Domain.ANY, one, (t, x) -> t.exp(x.get(0))));
    c.add(new Case("log", Domain.POSITIVE, one, (t, x) -> t.log(x.get(0))));
    c.add(new Case("tanh", Domain.ANY, one, (t, x) -> t.tanh(x.get(0))));
    c.add(new Case("sigmoid", Domain.ANY, one, (t, x) -> t.sigmoid(x.get(0))));
    c.add(new Case("relu", Domain.ANY, one, (t, x) -> t.relu(x.get(0))));
    c.add(new Case("softplus", Domain.ANY, one, (t, x) -> t.softplus(x.get(0))));
    c.add(new Case("square", Domain.ANY, one, (t, x) -> t.square(x.get(0))));
    c.add(new Case("sqrt", Domain.POSITIVE, one, (t, x) -> t.sqrt(x.get(0))));
    c.add(new Case("pow2.5", Domain.POSITIVE, one, (t, x) -> t.pow(x.get(0), 2.5)));
    c.add(new Case("pow-1.5", Domain.POSITIVE, one, (t, x) -> t.pow(x.get(0), -1.5)));
    c.add(new Case("clamp", Domain.ANY, one, (t, x) -> t.clamp(x.get(0), -0.5, 0.5)));
    c.add(new Case("sum", Domain.ANY, one, (t, x) -> t.sum(x.get(0))));
    c.add(new Case("sumRows", Domain.ANY, one, (t, x) -> t.sum(x.get(0), 0)));
    c.add(new Case("sumCols", Domain.ANY, one, (t, x) -> t.sum(x.get(0), 1)));
    c.add(new Case("mean", Domain.ANY, one, (t, x) -> t.mean(x.get(0))));
    c.add(new Case("meanRows", Domain.ANY, one, (t, x) -> t.mean(x.get(0), 0)));
    c.add(new Case("meanCols", Domain.ANY, one, (t, x) -> t.mean(x.get(0), 1)));
    c.add(new Case("broadcastRow", Domain.ANY, (m, n) -> new int[][] {{1, n}},
        (t, x) -> t.broadcast(x.get(0), 3, x.get(0).cols())));
    c.add(new Case("broadcastColumn", Domain.ANY, (m, n) -> new int[][] {{m, 1}},
        (t, x) -> t.broadcast(x.get(0), x.get(0).rows(), 4)));
    c.add(new Case("logSumExp", Domain.ANY, one, (t, x) -> t.logSumExp(x.get(0))));
    c.add(new Case("softmax", Domain.ANY, one, (t, x) -> t.softmax(x.get(0))));
    c.add(new Case("logSoftmax", Domain.ANY, one, (t, x) -> t.logSoftmax(x.get(0))));
    c.add(new Case("concatColumns", Domain.ANY, (m, n) -> new int[][] {{m, n}, {m, 2}},
        (t, x) -> t.concat(x.get(0), x.get(1), 1)));
    c.add(new Case("concatRows", Domain.ANY, (m, n) -> new int[][] {{m, n}, {3, n}},
        (t, x) -> t.concat(x.get(0), x.get(1), 0)));
    c.add(new Case("slice", Domain.ANY, (m, n) -> new int[][] {{m + 2, n + 2}},
        (t, x) -> t.slice(x.get(0), 1, x.get(0).rows() - 1, 2, x.get(0).cols())));
    c.add(new Case("gather", Domain.ANY, one, (t, x) -> {
      int[] idx = new int[x.get(0).rows()];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = (3 * i + 1) % x.get(0).cols();
      }
      return t.gather(x.get(0), idx);
    }));
    c.add(new Case("gatherOfLogSoftmax", Domain.ANY, one, (t, x) -> {
      int[] idx = new int[x.get(0).rows()];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = i % x.get(0).cols();
      }
      return t.gather(t.logSoftmax(x.get(0)), idx);
    }));
    return c;
  }

  static Stream<Arguments> instances() {
    List<Arguments> out = new ArrayList<>();
    for (Case c : cases()) {
      for (int seed = 0; seed < 4; seed++) {
        out.add(Arguments.of(c, seed));
      }
    }
    return out.stream();
  }

  static DMatrixRMaj random(int r, int c, Domain d, Random rng) {
    DMatrixRMaj m = new DMatrixRMaj(r, c);
    for (int i = 0; i < r * c; i++) {
      double v;
      if (d == Domain.POSITIVE) {
        v = 0.5 + 1.5 * rng.nextDouble();
      } else {
        do {
          v = -1.5 + 3 * rng.nextDouble();
        } while (Math.abs(v) < 0.05 || Math.abs(Math.abs(v) - 0.5) < 0.05);
      }
      m.data[i] = v;
    }
    return m;
  }

  static GradCheck.Loss lossOf(Case c) {
    return (t, x) -> {
      Tensor y = c.op().apply(t, x);
      return t.sum(t.mul(y, t.tanh(y)));
    };
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("instances")
  void op_matchesFiniteDifferences_firstAndSecondOrder(Case c, int seed) {
    Random rng = new Random(31L * seed + c.name().hashCode());
    int m = 1 + rng.nextInt(4);
    int n = 1 + rng.nextInt(4);
    List<DMatrixRMaj> inputs = new ArrayList<>();
    List<DMatrixRMaj> directions = new ArrayList<>();
    for (int[] s : c.shapes().of(m, n)) {
      inputs.add(random(s[0], s[1], c.domain(), rng));
      directions.add(random(s[0], s[1], Domain.ANY, rng));
    }
    GradCheck.Report first = GradCheck.firstOrder(lossOf(c), inputs, EPS);
    assertThat(first.maxError()).as(first.describe()).isLessThan(TOL1);
    GradCheck.Report second = GradCheck.secondOrder(lossOf(c), inputs, directions, EPS);
    assertThat(second.maxError()).as(second.describe()).isLessThan(TOL2);
  }
}
