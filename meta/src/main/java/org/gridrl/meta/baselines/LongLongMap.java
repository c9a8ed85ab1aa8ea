package org.gridrl.meta.baselines;

import java.util.Arrays;

/**
 * An open-addressing hash map from non-negative long keys to long values (linear probing,
 * power-of-two capacity, at most half full), the memo of {@link GoalSearchPlanner}: a boxed
 * {@code HashMap<Long, Long>} would take about 5 times the memory.
 */
final class LongLongMap {

  static final long MISSING = Long.MIN_VALUE;
  private static final long EMPTY = -1;

  private long[] keys;
  private long[] values;
  private int size;

  LongLongMap(int capacity) {
    int cap = Integer.highestOneBit(Math.max(capacity, 16) - 1) << 1;
    keys = new long[cap];
    Arrays.fill(keys, EMPTY);
    values = new long[cap];
  }

  int size() {
    return size;
  }

  long get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        return MISSING;
      }
    }
  }

  void put(long key, long value) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        values[i] = value;
        return;
      }
      if (k == EMPTY) {
        keys[i] = key;
        values[i] = value;
        size++;
        return;
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    values = new long[oldValues.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }
}
