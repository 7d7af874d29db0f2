package org.memsim.gc;

import org.memsim.gc.space.IntStack;

/**
 * Cheney's copying trace (1970), shared by the semispace, the nursery and G1's evacuation: each
 * object reached for the first time inside the scope is copied to a destination chosen by the
 * plan and appended to a queue; the queue is scanned in order (the to-space is its own work list).
 * The mark bit doubles as the forwarded bit. References are object indexes, so forwarding costs
 * only the address update, charged as a real collector's reference fix-up.
 */
public final class Evacuator {
    /** Where one survivor goes: an offset, or -1 when there is no room. */
    @FunctionalInterface
    public interface Destination {
        long copyTo(int i, int size);
    }

    private final IntStack queue = new IntStack(1024);
    public long roots;
    public long copied;
    public long copiedBytes;
    public long refs;
    public boolean overflow;

    public void begin() {
        queue.clear();
        roots = 0;
        copied = 0;
        copiedBytes = 0;
        refs = 0;
        overflow = false;
    }

    /** Evacuates {@code i} if it is in scope and not yet forwarded. */
    public void evacuate(GcContext ctx, int i, Marker.Scope scope, Destination to) {
        ObjectTable t = ctx.table;
        if (i < 0 || !scope.contains(i) || !t.mark(i)) {
            return;
        }
        int size = t.size(i);
        long at = to.copyTo(i, size);
        if (at < 0) {
            overflow = true;
            return;
        }
        t.setGranule(i, (int) (at >>> 3));
        ctx.memory.write(ctx.heap.address(at), size);
        copied++;
        copiedBytes += size;
        queue.push(i);
    }

    /** A root: counted, then evacuated. */
    public void root(GcContext ctx, int i, Marker.Scope scope, Destination to) {
        roots++;
        evacuate(ctx, i, scope, to);
    }

    /** Scans an object's slots as a root (an old object with young targets). */
    public void scanAsRoot(GcContext ctx, int i, Marker.Scope scope, Destination to) {
        ObjectTable t = ctx.table;
        int n = t.slotCount(i);
        refs += n;
        for (int k = 0; k < n; k++) {
            evacuate(ctx, t.slot(i, k), scope, to);
        }
    }

    /** Scans the queue until every copied object's slots were scanned. */
    public void drain(GcContext ctx, Marker.Scope scope, Destination to) {
        ObjectTable t = ctx.table;
        for (int j = 0; j < queue.size(); j++) {
            int i = queue.get(j);
            int n = t.slotCount(i);
            refs += n;
            for (int k = 0; k < n; k++) {
                evacuate(ctx, t.slot(i, k), scope, to);
            }
        }
    }

    /** The objects copied, in copy order. */
    public IntStack copiedObjects() {
        return queue;
    }

    /** Simulated ns: roots, per object copied, per byte, per slot scanned. */
    public double cost(org.memsim.cost.CostModel c) {
        return roots * c.gcRootNs + copied * c.gcCopyObjectNs + copiedBytes * c.gcCopyByteNs + refs * c.gcScanRefNs;
    }

    public void trim() {
        queue.trim();
    }
}
