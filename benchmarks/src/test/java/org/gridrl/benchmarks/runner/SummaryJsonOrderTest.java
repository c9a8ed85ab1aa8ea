package org.gridrl.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryJsonOrderTest {

  /**
   * A Map.of (whose order changes from one JVM to the next) comes out sorted by key, at any
   * depth; a linked map keeps its order; so summary.json is the same file from run to run.
   */
  @Test
  void unorderedMapsAreSortedByKey_orderedOnesKeepTheirOrder() {
    Map<String, Object> linked = new LinkedHashMap<>();
    linked.put("z", 1);
    linked.put("a", Map.of("y", 2, "b", 3, "m", List.of(Map.of("q", 4, "c", 5))));
    Object stable = SummaryJson.stableOrder(Map.of("k", linked, "d", 6));
    assertThat(stable.toString()).isEqualTo("{d=6, k={z=1, a={b=3, m=[{c=5, q=4}], y=2}}}");
  }
}
