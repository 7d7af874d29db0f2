package org.memsim.bench;

import org.memsim.event.EventSink;

/**
 * A sink that does nothing but fold every access's arguments into one checksum, so a benchmark
 * measures the producer (a parser) and the JIT cannot discard the arguments.
 */
public final class ChecksumSink implements EventSink {
    private long sum;

    public long sum() {
        return sum;
    }

    @Override public void load(long address, int size) { sum += address ^ size; }
    @Override public void store(long address, int size) { sum += (address ^ size) * 3; }
    @Override public void modify(long address, int size) { sum += (address ^ size) * 5; }
    @Override public void ifetch(long address, int size) { sum += (address ^ size) * 7; }
    @Override public void alloc(long id, long size, long align, long address, int site) { sum += id ^ size; }
    @Override public void free(long id, int site) { sum += id; }
}
