package org.memsim.safety;

import org.memsim.collections.LongArrayList;

/**
 * One process's heap as the checker sees it: its shadow, its blocks, its quarantine and its pointer
 * snapshots. A forked child starts with a copy of its parent's (the capture names the copies with the
 * same ids, as memcheck with {@code --trace-children=yes} follows each child with its parent's state);
 * an exec starts an empty one.
 */
final class ProcessHeap {
    final int pid;
    final ShadowMemory shadow;
    final Blocks blocks;
    final Quarantine quarantine;
    final LongArrayList words = new LongArrayList();
    boolean scanned;

    ProcessHeap(int pid, long quarantineBytes) {
        this(pid, new ShadowMemory(), new Blocks(), new Quarantine(quarantineBytes));
    }

    private ProcessHeap(int pid, ShadowMemory shadow, Blocks blocks, Quarantine quarantine) {
        this.pid = pid;
        this.shadow = shadow;
        this.blocks = blocks;
        this.quarantine = quarantine;
    }

    /** The child's heap after {@code fork}: everything copied but the snapshots. */
    ProcessHeap fork(int child) {
        return new ProcessHeap(child, shadow.copy(), blocks.copy(), quarantine.copy());
    }

    /** Whether nothing was ever allocated here. */
    boolean untouched() {
        return blocks.capacity() == 0;
    }
}
