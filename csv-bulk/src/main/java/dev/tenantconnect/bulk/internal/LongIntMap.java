package dev.tenantconnect.bulk.internal;

import java.util.Arrays;

/**
 * An open-addressing map from non-negative {@code long} to {@code int} without boxing: a million entries take about
 * 16 MB, so duplicate detection stays within a small heap whatever the file size. Not thread-safe.
 */
public final class LongIntMap {
    private static final long EMPTY = -1L;
    private long[] keys;
    private int[] values;
    private int size;

    /** An empty map. */
    public LongIntMap() {
        keys = new long[1024];
        Arrays.fill(keys, EMPTY);
        values = new int[1024];
    }

    /**
     * Stores the value unless the key is present.
     *
     * @param key a non-negative key
     * @param value the value
     * @return the value already stored for the key, or -1 if it was absent (and is now stored)
     */
    public int putIfAbsent(long key, int value) {
        if (key < 0) {
            throw new IllegalArgumentException("key must not be negative");
        }
        if ((size + 1) * 4L > keys.length * 3L) {
            grow();
        }
        int i = slot(key, keys.length);
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                return values[i];
            }
            i = i + 1 == keys.length ? 0 : i + 1;
        }
        keys[i] = key;
        values[i] = value;
        size++;
        return -1;
    }

    /** @return the number of keys */
    public int size() {
        return size;
    }

    private static int slot(long key, int capacity) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) Long.remainderUnsigned(h ^ (h >>> 29), capacity);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, oldKeys.length + (long) oldKeys.length / 2);
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new int[capacity];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = slot(oldKeys[j], capacity);
                while (keys[i] != EMPTY) {
                    i = i + 1 == capacity ? 0 : i + 1;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }
}
