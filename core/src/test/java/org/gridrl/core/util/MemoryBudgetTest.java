package org.gridrl.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The heap check's arithmetic and its words, on made-up heaps and machines. */
class MemoryBudgetTest extends TestBase {

  private static final long MB = 1L << 20;
  private static final long GB = 1L << 30;

  @ParameterizedTest
  @CsvSource({
      "0, 0 MB",
      "1, 1 MB",
      "524288000, 500 MB",
      "1073741824, 1 GB",
      "4831838208, 4.5 GB",
      "107374182400, 100 GB",
      "16492674416640, 15 TB",
  })
  void size_inBinaryUnits(long bytes, String shown) {
    assertThat(MemoryBudget.size(bytes)).isEqualTo(shown);
  }

  @Test
  void shortfall_namesEstimateHeapAndTheXmxThatWouldFit() {
    // 4.5 GB asked, 2 GB heap with 100 MB in use, a 16 GB machine: (4.5 GB + 100 MB) * 1.2
    assertThat(MemoryBudget.shortfall(4608 * MB, 2 * GB, 100 * MB, 16 * GB))
        .isEqualTo("needs about 4.5 GB of memory, more than the 1.9 GB free in the Java heap"
            + " (at most 2 GB); give Java more with JAVA_OPTS=-Xmx6g");
    assertThat(MemoryBudget.shortfall(300 * MB, 256 * MB, 100 * MB, 0))
        .isEqualTo("needs about 300 MB of memory, more than the 156 MB free in the Java heap"
            + " (at most 256 MB); give Java more with JAVA_OPTS=-Xmx500m");
  }

  @Test
  void shortfall_nearTheMachinesSize_suggestsNoMoreThanItHas() {
    // 20 GB asked on a 23.5 GB machine: a fifth to spare would be 24 GB, so 23g
    assertThat(MemoryBudget.shortfall(20 * GB, 2 * GB, 0, 23 * GB + 512 * MB))
        .isEqualTo("needs about 20 GB of memory, more than the 2 GB free in the Java heap"
            + " (at most 2 GB); give Java more with JAVA_OPTS=-Xmx23g");
  }

  @Test
  void shortfall_beyondTheMachine_saysSoInsteadOfAnXmx() {
    assertThat(MemoryBudget.shortfall(51 * GB, 2 * GB, 0, 8 * GB))
        .isEqualTo("needs about 51 GB of memory, more than the 2 GB free in the Java heap"
            + " (at most 2 GB) and more than this machine's 8 GB");
  }

  @Test
  void exhausted_suggestsTwiceTheHeap_orSaysTheMachineIsFull() {
    assertThat(MemoryBudget.exhausted(2 * GB, 16 * GB))
        .isEqualTo("give Java more than its 2 GB with JAVA_OPTS=-Xmx4g");
    assertThat(MemoryBudget.exhausted(2 * GB, 3 * GB))
        .isEqualTo("give Java more than its 2 GB with JAVA_OPTS=-Xmx3g");
    assertThat(MemoryBudget.exhausted(7 * GB, 7 * GB + 100 * MB))
        .isEqualTo("the Java heap's 7 GB are about all this machine has");
  }

  @Test
  void arithmetic_saturatesInsteadOfOverflowing() {
    assertThat(MemoryBudget.doubleArrays(3, 10)).isEqualTo(3 * (16 + 80));
    assertThat(MemoryBudget.intArrays(2, 5)).isEqualTo(2 * (16 + 20));
    assertThat(MemoryBudget.doubleArrays(2_000_000_001L, 1L << 40)).isEqualTo(Long.MAX_VALUE);
    assertThat(MemoryBudget.plus(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void require_passesWhatFits_refusesWhatCannot_inOneLine() {
    MemoryBudget.require(1024, "a small table");
    assertThatThrownBy(() -> MemoryBudget.require(Long.MAX_VALUE / 2, "--horizon 2000000000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--horizon 2000000000 needs about 4194304 TB of memory, more"
            + " than the ")
        .hasMessageNotContaining("\n");
  }
}
