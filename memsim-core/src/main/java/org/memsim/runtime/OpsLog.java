package org.memsim.runtime;

/**
 * Receives one row per allocation-family operation ({@code memsim replay --ops-log}): event index,
 * operation, block id, size, the address the allocator returned (0 when it failed or for a free)
 * and the free-list entries it examined (-1 when the allocator keeps no list).
 */
@FunctionalInterface
public interface OpsLog {
    /** Operation names as they appear in the log. */
    String MALLOC = "malloc", CALLOC = "calloc", REALLOC = "realloc", FREE = "free", MEMALIGN = "memalign";

    void record(long index, String op, long id, long size, long address, long searched);
}
