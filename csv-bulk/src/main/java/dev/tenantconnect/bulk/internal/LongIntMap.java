package dev.tenantconnect.bulk.internal;

/**
 * An open-addressing map from non-negative {@code long} to {@code int} without boxing, split into 64 segments that
 * grow on their own: a million entries take about 16 MB and growing never needs more than 1/64 of that again at
 * once (and no array large enough to be a humongous object), so duplicate detection fits a small heap whatever
 * the file size. Eight consecutive keys (extension keys and numbers of a range usually are) share one group of eight
 * slots, one cache line of keys, so a file in order touches memory in order. Not thread-safe.
 */
public final class LongIntMap {
    private static final int SEGMENTS = 64;
    /** Slots hold the key plus one, so a new (zeroed) array is empty without being filled. */
    private static final long EMPTY = 0L;
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
        long h = hash(key);
        int previous = segments[(int) (h >>> 58)].putIfAbsent(key + 1, h, value);
        if (previous < 0) {
            size++;
        }
        return previous;
    }

    /** Mixes all but the three lowest bits, which pick the slot within a group of eight. */
    private static long hash(long key) {
        long h = (key >>> 3) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    /**
     * Makes room for about this many keys in all, so that filling the map up to there rehashes nothing (an estimate
     * of a file's rows, taken once a part of it has been read).
     *
     * @param keys the keys expected
     */
    public void expect(long keys) {
        long perSegment = keys / SEGMENTS + 1;
        long capacity = (perSegment * 4 / 3 + 8) & ~7L;
        if (capacity > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many keys: " + keys);
        }
        for (Segment s : segments) {
            if (s.keys.length < capacity) {
                s.rehash((int) capacity);
            }
        }
    }

    /** @return the number of keys */
    public int size() {
        return size;
    }

    private static final class Segment {
        long[] keys = new long[64];
        int[] values = new int[64];
        int size;

        /** @param key the key plus one */
        int putIfAbsent(long key, long hash, int value) {
            if ((size + 1) * 4L > keys.length * 3L) {
                grow();
            }
            int i = slot(hash, key, keys.length);
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

        /**
         * Maps the hash's low 32 bits (the top six chose the segment) onto a group of eight slots without a division;
         * the key's three lowest bits pick the slot in the group. The capacity is a multiple of eight.
         */
        private static int slot(long hash, long key, int capacity) {
            return (int) (((hash & 0xFFFF_FFFFL) * (capacity >>> 3)) >>> 32) * 8 + (int) (key & 7);
        }

        private void grow() {
            rehash((oldLength() + oldLength() / 2 + 7) & ~7);
        }

        private int oldLength() {
            return keys.length;
        }

        private void rehash(int capacity) {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[capacity];
            values = new int[capacity];
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != EMPTY) {
                    int i = slot(hash(oldKeys[j] - 1), oldKeys[j], capacity);
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
