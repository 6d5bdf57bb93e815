package dev.tenantconnect.bulk.internal;

import java.util.Arrays;

/**
 * An open-addressing map from non-negative {@code long} to {@code int} without boxing, split into 64 segments that
 * grow on their own: a million entries take about 16 MB and growing never needs more than 1/64 of that again at
 * once (and no array large enough to be a humongous object), so duplicate detection fits a small heap whatever
 * the file size. Not thread-safe.
 */
public final class LongIntMap {
    private static final int SEGMENTS = 64;
    private static final long EMPTY = -1L;
    private final Segment[] segments = new Segment[SEGMENTS];
    private int size;

    /** An empty map. */
    public LongIntMap() {
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
        }
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
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        int previous = segments[(int) (h >>> 58)].putIfAbsent(key, h, value);
        if (previous < 0) {
            size++;
        }
        return previous;
    }

    /** @return the number of keys */
    public int size() {
        return size;
    }

    private static final class Segment {
        long[] keys = empty(64);
        int[] values = new int[64];
        int size;

        private static long[] empty(int capacity) {
            long[] k = new long[capacity];
            Arrays.fill(k, EMPTY);
            return k;
        }

        int putIfAbsent(long key, long hash, int value) {
            if ((size + 1) * 4L > keys.length * 3L) {
                grow();
            }
            int i = slot(hash, keys.length);
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

        /** Maps the hash's low 32 bits (the top six chose the segment) onto the capacity without a division. */
        private static int slot(long hash, int capacity) {
            return (int) (((hash & 0xFFFF_FFFFL) * capacity) >>> 32);
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            int capacity = oldKeys.length + oldKeys.length / 2;
            keys = empty(capacity);
            values = new int[capacity];
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != EMPTY) {
                    long h = oldKeys[j] * 0x9E3779B97F4A7C15L;
                    h ^= h >>> 32;
                    int i = slot(h, capacity);
                    while (keys[i] != EMPTY) {
                        i = i + 1 == capacity ? 0 : i + 1;
                    }
                    keys[i] = oldKeys[j];
                    values[i] = oldValues[j];
                }
            }
        }
    }
}
