package dev.sluice.quality;

import java.util.Arrays;

/**
 * A map from caller-assigned long ids to int slots of {@link NearDuplicateIndex}, in two primitive
 * arrays: open addressing with linear probing, removal by backward shift (no tombstones), at most
 * half full. Twelve bytes a slot of capacity, no object per entry. Not thread-safe: the index guards it.
 */
final class SlotsById {
    static final int ABSENT = -1;

    private long[] ids;
    private int[] slots;
    private int size;

    SlotsById() {
        ids = new long[16];
        slots = new int[16];
        Arrays.fill(slots, ABSENT);
    }

    int size() {
        return size;
    }

    long bytes() {
        return (long) ids.length * (Long.BYTES + Integer.BYTES);
    }

    int get(long id) {
        int mask = slots.length - 1;
        for (int pos = home(id, mask); slots[pos] != ABSENT; pos = (pos + 1) & mask) {
            if (ids[pos] == id) {
                return slots[pos];
            }
        }
        return ABSENT;
    }

    /** Maps {@code id} to {@code slot}; the id must not be present. */
    void put(long id, int slot) {
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        insert(id, slot);
        size++;
    }

    /** Removes {@code id}; returns its slot, or {@link #ABSENT}. */
    int remove(long id) {
        int mask = slots.length - 1;
        int pos = home(id, mask);
        while (slots[pos] != ABSENT && ids[pos] != id) {
            pos = (pos + 1) & mask;
        }
        if (slots[pos] == ABSENT) {
            return ABSENT;
        }
        int slot = slots[pos];
        // Backward shift: move later entries of the run into the hole when their home allows it.
        int hole = pos;
        for (int next = (hole + 1) & mask; slots[next] != ABSENT; next = (next + 1) & mask) {
            int home = home(ids[next], mask);
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                ids[hole] = ids[next];
                slots[hole] = slots[next];
                hole = next;
            }
        }
        slots[hole] = ABSENT;
        size--;
        return slot;
    }

    private void insert(long id, int slot) {
        int mask = slots.length - 1;
        int pos = home(id, mask);
        while (slots[pos] != ABSENT) {
            pos = (pos + 1) & mask;
        }
        ids[pos] = id;
        slots[pos] = slot;
    }

    private void grow() {
        long[] oldIds = ids;
        int[] oldSlots = slots;
        ids = new long[oldIds.length * 2];
        slots = new int[oldSlots.length * 2];
        Arrays.fill(slots, ABSENT);
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] != ABSENT) {
                insert(oldIds[i], oldSlots[i]);
            }
        }
    }

    private static int home(long id, int mask) {
        return (int) MinHasher.mix(id) & mask;
    }
}
