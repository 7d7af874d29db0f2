package org.memsim.trace;

import org.memsim.collections.DistinctCounter;
import org.memsim.event.EventKind;
import org.memsim.event.EventSink;
import org.memsim.event.KindCounter;
import org.memsim.metrics.Histogram;
import org.memsim.metrics.Metrics;

/**
 * What {@code memsim info} reports about a trace, gathered in one streaming pass in bounded memory:
 * events by kind, distinct block and object ids, processes, the address range touched and mapped,
 * and the distribution of allocation and access sizes.
 */
public final class TraceSummary implements EventSink {
    private static final int EXACT_IDS = 1 << 22;

    private final KindCounter kinds = new KindCounter();
    private final DistinctCounter blockIds = new DistinctCounter(EXACT_IDS);
    private final DistinctCounter objectIds = new DistinctCounter(EXACT_IDS);
    private final DistinctCounter pids = new DistinctCounter(1 << 16);
    private final Metrics metrics = new Metrics();
    private final Histogram allocSizes = metrics.histogram("allocSize", "bytes");
    private final Histogram accessSizes = metrics.histogram("accessSize", "bytes");
    private long minAccess = -1;
    private long maxAccess;
    private long minAllocAddress = -1;
    private long maxAllocAddress;
    private long allocBytes;
    private long sites;
    private long files;
    private long types;

    public KindCounter kinds() {
        return kinds;
    }

    public long distinctBlockIds() {
        return blockIds.count();
    }

    public boolean blockIdsExact() {
        return blockIds.isExact();
    }

    public long distinctObjectIds() {
        return objectIds.count();
    }

    public boolean objectIdsExact() {
        return objectIds.isExact();
    }

    public long processes() {
        return pids.count();
    }

    public Histogram allocSizes() {
        return allocSizes;
    }

    public Histogram accessSizes() {
        return accessSizes;
    }

    /** Lowest address accessed (unsigned), or -1 when no raw access was seen. */
    public long minAccessAddress() {
        return minAccess;
    }

    public long maxAccessAddress() {
        return maxAccess;
    }

    /** Lowest address an allocation returned in the recorded run, or -1 when none was recorded. */
    public long minAllocAddress() {
        return minAllocAddress;
    }

    public long maxAllocAddress() {
        return maxAllocAddress;
    }

    /** Bytes requested by every allocation event. */
    public long allocBytes() {
        return allocBytes;
    }

    public long sites() {
        return sites;
    }

    public long files() {
        return files;
    }

    public long types() {
        return types;
    }

    private void access(long address, long size) {
        accessSizes.record(size);
        if (minAccess == -1 || Long.compareUnsigned(address, minAccess) < 0) {
            minAccess = address;
        }
        long end = address + Math.max(0, size - 1);
        if (Long.compareUnsigned(end, maxAccess) > 0) {
            maxAccess = end;
        }
    }

    private void allocation(long id, long size, long address) {
        blockIds.add(id);
        allocSizes.record(size);
        allocBytes += Math.max(0, size);
        if (address != NO_ADDRESS) {
            if (minAllocAddress == -1 || Long.compareUnsigned(address, minAllocAddress) < 0) {
                minAllocAddress = address;
            }
            if (Long.compareUnsigned(address, maxAllocAddress) > 0) {
                maxAllocAddress = address;
            }
        }
    }

    @Override public void alloc(long id, long size, long align, long address, int site) { kinds.alloc(id, size, align, address, site); allocation(id, size, address); }
    @Override public void calloc(long id, long count, long size, long address, int site) {
        kinds.calloc(id, count, size, address, site);
        allocation(id, size != 0 && count > Long.MAX_VALUE / size ? Long.MAX_VALUE : count * size, address);
    }
    @Override public void realloc(long id, long size, long address, int site) { kinds.realloc(id, size, address, site); allocation(id, size, address); }
    @Override public void free(long id, int site) { kinds.free(id, site); if (id != NULL_ID) blockIds.add(id); }
    @Override public void load(long address, int size) { kinds.load(address, size); access(address, size); }
    @Override public void store(long address, int size) { kinds.store(address, size); access(address, size); }
    @Override public void modify(long address, int size) { kinds.modify(address, size); access(address, size); }
    @Override public void ifetch(long address, int size) { kinds.ifetch(address, size); access(address, size); }
    @Override public void blockLoad(long id, long offset, long size) { kinds.blockLoad(id, offset, size); accessSizes.record(size); }
    @Override public void blockStore(long id, long offset, long size) { kinds.blockStore(id, offset, size); accessSizes.record(size); }
    @Override public void brk(long address) { kinds.brk(address); }
    @Override public void mmap(long address, long length, int prot, int flags, int file, long offset) { kinds.mmap(address, length, prot, flags, file, offset); }
    @Override public void munmap(long address, long length) { kinds.munmap(address, length); }
    @Override public void mprotect(long address, long length, int prot) { kinds.mprotect(address, length, prot); }
    @Override public void madvise(long address, long length, int advice) { kinds.madvise(address, length, advice); }
    @Override public void msync(long address, long length) { kinds.msync(address, length); }
    @Override public void word(long address, long value) { kinds.word(address, value); }
    @Override public void freePointer(long address, int site) { kinds.freePointer(address, site); }
    @Override public void processStart(int pid) { kinds.processStart(pid); pids.add(pid); }
    @Override public void processExit(int pid, int status) { kinds.processExit(pid, status); pids.add(pid); }
    @Override public void fork(int parentPid, int childPid) { kinds.fork(parentPid, childPid); pids.add(parentPid); pids.add(childPid); }
    @Override public void contextSwitch(int pid, int tid) { kinds.contextSwitch(pid, tid); pids.add(pid); }
    @Override public void newObject(long id, long size, int refSlots, int type, int site) { kinds.newObject(id, size, refSlots, type, site); objectIds.add(id); allocSizes.record(size); }
    @Override public void refWrite(long object, int slot, long target) { kinds.refWrite(object, slot, target); }
    @Override public void rootAdd(long object) { kinds.rootAdd(object); }
    @Override public void rootRemove(long object) { kinds.rootRemove(object); }
    @Override public void safepoint() { kinds.safepoint(); }
    @Override public void defineSite(int site, String frames) { sites++; }
    @Override public void defineFile(int file, String path) { files++; }
    @Override public void defineType(int type, String name) { types++; }

    /** Total events. */
    public long events() {
        return kinds.total();
    }

    /** Count of one kind. */
    public long count(EventKind kind) {
        return kinds.count(kind);
    }
}
