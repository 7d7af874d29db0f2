package org.memsim.gc.regional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.memsim.gc.CollectionKind;
import org.memsim.gc.Constraints;
import org.memsim.gc.Evacuator;
import org.memsim.gc.GcContext;
import org.memsim.gc.Marker;
import org.memsim.gc.Plan;
import org.memsim.gc.RememberedSet;
import org.memsim.gc.space.IntStack;
import org.memsim.spec.Param;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;

/**
 * A G1-like collector (Detlefs et al., "Garbage-First Garbage Collection", ISMM 2004; HotSpot's
 * {@code G1CollectedHeap}): the heap is equal {@link Regions}; the program allocates into eden
 * regions; a young collection evacuates eden and survivor regions into fresh survivor and old
 * regions, and the number of eden regions adapts so the predicted pause meets the pause-time
 * target. When old regions pass the initiating occupancy ({@code ihop}), a marking cycle runs
 * beside the program (its work is not pause; a short remark pause ends it) and records each old
 * region's live bytes; regions with no live data are freed at once, and the next mixed
 * collections add old regions to the collection set, most garbage first, while the predicted
 * pause stays within the target. An evacuation with no free region left falls back to a full,
 * compacting collection.
 */
public final class RegionalPlan extends Plan {
    public static final List<Param> PARAMS = List.of(
        Param.of("heap", "256m", "heap size (-Xmx = -Xms)"),
        Param.of("region", "1m", "region size (-XX:G1HeapRegionSize)"),
        Param.of("pause", "10", "pause-time target in ms (-XX:MaxGCPauseMillis)"),
        Param.of("ihop", "0.45", "old occupancy that starts a marking cycle (-XX:InitiatingHeapOccupancyPercent)"),
        Param.of("promote", "2", "young collections survived before promotion"),
        Param.of("liveThreshold", "0.85", "old regions more live than this are not collection-set candidates (-XX:G1MixedGCLiveThresholdPercent)"));

    private static final double MIN_YOUNG = 0.05;
    private static final double MAX_YOUNG = 0.6;

    private final String spec;
    private final Regions regions;
    private final double targetNs;
    private final double ihop;
    private final int promoteAge;
    private final double liveThreshold;
    private final Constraints constraints = new RegionalConstraints();
    private final RememberedSet remset;
    private final Evacuator evacuator = new Evacuator();
    private final Marker marker = new Marker();
    private final Marker.Scope youngScope = this::isYoung;
    private byte[] age = new byte[1024];
    private IntStack young = new IntStack(1024);
    private IntStack nextYoung = new IntStack(1024);
    private final IntStack promoted = new IntStack(256);
    private int edenRegion = -1;
    private int survivorRegion = -1;
    private int oldRegion = -1;
    private int youngTarget;
    private final List<Integer> candidates = new ArrayList<>();
    private int mixedLeft;
    private long lastMixedChosen;
    private int lastEvacuationRegions;
    private final org.memsim.metrics.Counter oldRegionsEvacuated;
    private final org.memsim.metrics.Counter candidateRegions;
    private final org.memsim.metrics.Counter emptyRegionsFreed;
    private final org.memsim.metrics.Counter garbageReclaimed;
    private int freeAtStart;

    public RegionalPlan(Params p, GcContext ctx) {
        super(ctx);
        long heap = p.bytes("heap");
        long region = p.bytes("region");
        if (Long.bitCount(region) != 1 || region < 4096 || region > (32L << 20)) {
            throw new SpecException("regional: region must be a power of two from 4k to 32m");
        }
        if (heap < 8 * region || heap > (16L << 30)) {
            throw new SpecException("regional: heap must hold at least 8 regions and be at most 16g");
        }
        targetNs = p.real("pause") * 1e6;
        ihop = p.real("ihop");
        promoteAge = (int) p.number("promote", 1, 15);
        liveThreshold = p.real("liveThreshold");
        if (!(targetNs > 0) || !(ihop > 0 && ihop <= 1) || !(liveThreshold > 0 && liveThreshold <= 1)) {
            throw new SpecException("regional: pause must be positive, ihop and liveThreshold in (0, 1]");
        }
        spec = "regional:heap=" + p.string("heap") + ",region=" + p.string("region") + ",pause=" + p.string("pause");
        regions = new Regions(ctx.heap, heap, region);
        remset = new RememberedSet(regions.start, (long) regions.count * region, 512);
        youngTarget = Math.max(1, (int) (regions.count * 0.1));
        oldRegionsEvacuated = ctx.metrics.counter("gc.regional.oldRegionsEvacuated", "regions", "old regions in mixed collection sets");
        candidateRegions = ctx.metrics.counter("gc.regional.candidateRegions", "regions", "old regions marking made collection-set candidates");
        emptyRegionsFreed = ctx.metrics.counter("gc.regional.emptyRegionsFreed", "regions", "old regions with nothing live, freed at cleanup");
        garbageReclaimed = ctx.metrics.counter("gc.regional.garbageReclaimedBytes", "bytes", "dead bytes of the old regions evacuated in mixed collections");
        ctx.metrics.gauge("gc.regional.youngTarget", "regions", "eden regions the pause-time target allows now", () -> youngTarget);
    }

    @Override public String spec() { return spec; }
    @Override public Constraints constraints() { return constraints; }

    private boolean isYoung(int i) {
        byte k = regions.kind[regions.regionOf(offset(i))];
        return k == Regions.EDEN || k == Regions.SURVIVOR;
    }

    // ---------------------------------------------------------------- allocation

    @Override
    public long allocate(long bytes) {
        long at = edenRegion >= 0 ? regions.alloc(edenRegion, bytes) : -1;
        return at >= 0 ? at : allocSlow(bytes);
    }

    private long allocSlow(long bytes) {
        if (bytes >= regions.size / 2) {
            return allocHumongous(bytes);
        }
        if (regions.countOf(Regions.EDEN) >= youngTarget || regions.free <= reserveRegions()) {
            youngCollection();
        }
        edenRegion = regions.take(Regions.EDEN);
        if (edenRegion < 0) {
            full();
            edenRegion = regions.take(Regions.EDEN);
            if (edenRegion < 0) {
                return -1;
            }
        }
        return regions.alloc(edenRegion, bytes);
    }

    /** Regions kept free for the next evacuation: G1's 10% reserve, or twice what the last one took. */
    private int reserveRegions() {
        return Math.max(Math.max(1, regions.count / 10), 2 * lastEvacuationRegions);
    }

    private long allocHumongous(long bytes) {
        int n = (int) ((bytes + regions.size - 1) / regions.size);
        int r = regions.takeRun(n);
        if (r < 0) {
            full();
            r = regions.takeRun(n);
            if (r < 0) {
                return -1;
            }
        }
        return regions.bottom(r);
    }

    @Override
    public void postAlloc(int i) {
        if (i >= age.length) {
            age = Arrays.copyOf(age, Math.max(i + 1, age.length + (age.length >> 1)));
        }
        age[i] = 0;
        if (isYoung(i)) {
            young.push(i);
        }
    }

    @Override
    public void writeBarrier(int src, int slot, int old, int target) {
        if (target >= 0 && !isYoung(src) && isYoung(target)) {
            remset.record(src, offset(src));
        }
    }

    // ---------------------------------------------------------------- young and mixed

    private void youngCollection() {
        boolean mixed = mixedLeft > 0 && !candidates.isEmpty();
        freeAtStart = regions.free;
        edenRegion = -1;
        survivorRegion = -1;
        evacuator.begin();
        promoted.clear();
        // the from-survivor regions become part of the collection set: relabel them so new survivors go elsewhere
        for (int r = 0; r < regions.count; r++) {
            if (regions.kind[r] == Regions.SURVIVOR) {
                regions.kind[r] = Regions.EDEN;
            }
        }
        Evacuator.Destination dest = this::copyYoung;
        ctx.roots.forEach(r -> evacuator.root(ctx, r, youngScope, dest));
        long cards = remset.dirtyCards();
        int[] remembered = remset.drain();
        for (int src : remembered) {
            if (table.isUsed(src) && !isYoung(src)) {
                evacuator.scanAsRoot(ctx, src, youngScope, dest);
            }
        }
        evacuator.drain(ctx, youngScope, dest);
        if (evacuator.overflow) {
            finishYoung(remembered, cards, 0, 0, 0, CollectionKind.YOUNG);
            full();
            return;
        }
        long oldCopied = 0;
        long oldBytes = 0;
        long oldFreed = 0;
        if (mixed) {
            long[] r = evacuateCandidates();
            oldCopied = r[0];
            oldBytes = r[1];
            oldFreed = r[2];
            mixedLeft--;
        }
        finishYoung(remembered, cards, oldCopied, oldBytes, oldFreed, mixed ? CollectionKind.MIXED : CollectionKind.YOUNG);
        maybeStartMarking();
    }

    private void finishYoung(int[] remembered, long cards, long oldCopied, long oldBytes, long oldFreed, CollectionKind kind) {
        long dead = 0;
        for (int j = 0; j < young.size(); j++) {
            int i = young.get(j);
            if (table.isUsed(i) && !table.isMarked(i) && isYoung(i) && regions.kind[regions.regionOf(offset(i))] == Regions.EDEN) {
                free(i);
                dead++;
            }
        }
        nextYoung.clear();
        IntStack copied = evacuator.copiedObjects();
        for (int j = 0; j < copied.size(); j++) {
            int i = copied.get(j);
            table.unmark(i);
            if (isYoung(i)) {
                nextYoung.push(i);
            }
        }
        IntStack t = young;
        young = nextYoung;
        nextYoung = t;
        lastEvacuationRegions = Math.max(0, freeAtStart - regions.free);
        regions.releaseAll(Regions.EDEN);
        long rescanned = 0;
        for (int src : remembered) {
            if (table.isUsed(src) && !isYoung(src)) {
                rescanned += keepIfPointsYoung(src);
            }
        }
        for (int j = 0; j < promoted.size(); j++) {
            rescanned += keepIfPointsYoung(promoted.get(j));
        }
        ctx.stats.objectsMarked.add(evacuator.copied);
        ctx.stats.objectsCopied.add(evacuator.copied + oldCopied);
        ctx.stats.bytesCopied.add(evacuator.copiedBytes + oldBytes);
        ctx.stats.cardsScanned.add(cards);
        double work = evacuator.cost(ctx.cost) + cards * ctx.cost.gcCardNs + rescanned * ctx.cost.gcScanRefNs
            + oldCopied * ctx.cost.gcCopyObjectNs + oldBytes * ctx.cost.gcCopyByteNs + oldFreed * ctx.cost.gcSweepNs;
        double pause = ctx.cost.gcPauseNs + work / ctx.cost.gcThreads;
        adaptYoung(pause);
        ctx.pause(kind, work, evacuator.copied + " young survivors, " + promoted.size() + " promoted, " + dead + " died young"
            + (kind == CollectionKind.MIXED ? ", " + lastMixedChosen + " old regions evacuated (" + oldCopied + " objects)" : "")
            + "; regions free/eden/survivor/old/humongous " + Arrays.toString(regionCounts()) + ", young target " + youngTarget);
        evacuator.trim();
    }

    /** G1's young sizing: shrink eden when the pause overshoots the target, grow it when well under. */
    private void adaptYoung(double pause) {
        int min = Math.max(1, (int) (regions.count * MIN_YOUNG));
        int max = Math.max(min, (int) (regions.count * MAX_YOUNG));
        if (pause > targetNs) {
            youngTarget = Math.max(min, (int) (youngTarget * targetNs / pause));
        } else if (pause < targetNs / 2) {
            youngTarget = Math.min(max, youngTarget + Math.max(1, youngTarget / 4));
        }
    }

    private long copyYoung(int i, int size) {
        int a = ++age[i];
        if (a < promoteAge) {
            long at = bump(true, size);
            if (at >= 0) {
                return at;
            }
        }
        long at = bump(false, size);
        if (at >= 0) {
            promoted.push(i);
            ctx.stats.objectsPromoted.inc();
        }
        return at;
    }

    /** Allocates in the current survivor or old region, taking a fresh one when it is full. */
    private long bump(boolean survivor, long bytes) {
        int r = survivor ? survivorRegion : oldRegion;
        long at = r >= 0 ? regions.alloc(r, bytes) : -1;
        if (at >= 0) {
            return at;
        }
        r = regions.take(survivor ? Regions.SURVIVOR : Regions.OLD);
        if (r < 0) {
            return -1;
        }
        if (survivor) {
            survivorRegion = r;
        } else {
            oldRegion = r;
        }
        return regions.alloc(r, bytes);
    }

    private int keepIfPointsYoung(int src) {
        int n = table.slotCount(src);
        for (int k = 0; k < n; k++) {
            int x = table.slot(src, k);
            if (x >= 0 && isYoung(x)) {
                remset.add(src);
                remset.dirty(offset(src));
                break;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- marking and mixed collections

    private void maybeStartMarking() {
        long old = (long) (regions.countOf(Regions.OLD) + regions.countOf(Regions.HUMONGOUS)
            + regions.countOf(Regions.HUMONGOUS_TAIL)) * regions.size;
        if (mixedLeft > 0 || old < ihop * regions.count * regions.size) {
            return;
        }
        mark();
    }

    /**
     * A marking cycle (initial mark piggybacks on the young pause just taken; the concurrent mark is
     * collector work beside the program; remark and cleanup are short pauses): a snapshot of what is
     * reachable now, each old region's live bytes, empty old and dead humongous regions freed, and
     * the candidates for mixed collections sorted by garbage.
     */
    private void mark() {
        marker.markAll(table, ctx.roots);
        ctx.concurrentWork(marker.cost(ctx.cost));
        ctx.stats.objectsMarked.add(marker.marked);
        regions.clearLiveness();
        long freed = 0;
        for (int i = 0, n = table.high(); i < n; i++) {
            if (!table.isUsed(i)) {
                continue;
            }
            int r = regions.regionOf(offset(i));
            byte k = regions.kind[r];
            if (k == Regions.EDEN || k == Regions.SURVIVOR) {
                table.unmark(i); // young collections use the mark bit as the forwarded bit
                continue;
            }
            if (table.isMarked(i)) {
                regions.liveBytes[r] += table.size(i);
                regions.liveObjects[r]++;
            } else if (k == Regions.HUMONGOUS) {
                int tail = (int) ((table.size(i) + regions.size - 1) / regions.size);
                for (int j = r; j < r + tail; j++) {
                    regions.release(j);
                }
                free(i);
                freed++;
            }
        }
        // cleanup: old regions with nothing live are freed outright, their dead objects with them
        oldRegion = -1; // objects promoted from now on land in regions the marking did not see
        boolean[] empty = new boolean[regions.count];
        for (int r = 0; r < regions.count; r++) {
            empty[r] = regions.kind[r] == Regions.OLD && regions.liveBytes[r] == 0;
        }
        for (int i = 0, n = table.high(); i < n; i++) {
            if (table.isUsed(i) && empty[regions.regionOf(offset(i))]) {
                remset.forget(i);
                free(i);
                freed++;
            }
        }
        candidates.clear();
        for (int r = 0; r < regions.count; r++) {
            if (empty[r]) {
                emptyRegionsFreed.inc();
                regions.release(r);
            } else if (regions.kind[r] == Regions.OLD && regions.liveBytes[r] < liveThreshold * regions.size) {
                candidateRegions.inc();
                candidates.add(r);
                regions.candidate[r] = true;
            }
        }
        // most garbage first
        candidates.sort((a, b) -> Long.compare(garbage(b), garbage(a)));
        mixedLeft = candidates.isEmpty() ? 0 : 8;
        double remark = marker.roots * ctx.cost.gcRootNs + freed * ctx.cost.gcSweepNs;
        ctx.pause(CollectionKind.CONCURRENT, remark, "marking: " + marker.marked + " live, " + freed + " freed in cleanup, "
            + candidates.size() + " candidate regions");
        marker.trim();
    }

    private long garbage(int r) {
        return (regions.top[r] - regions.bottom(r)) - regions.liveBytes[r];
    }

    /** Adds candidate old regions, most garbage first, while the predicted pause stays within the target; evacuates them. */
    private long[] evacuateCandidates() {
        double budget = targetNs - ctx.cost.gcPauseNs - evacuator.cost(ctx.cost) / ctx.cost.gcThreads;
        boolean[] inSet = new boolean[regions.count];
        int chosen = 0;
        while (!candidates.isEmpty()) {
            int r = candidates.get(0);
            if (regions.kind[r] != Regions.OLD || !regions.candidate[r]) {
                candidates.remove(0);
                continue;
            }
            double predicted = (regions.liveObjects[r] * ctx.cost.gcCopyObjectNs + regions.liveBytes[r] * ctx.cost.gcCopyByteNs
                + (regions.top[r] - regions.bottom(r)) / 512.0 * ctx.cost.gcCardNs) / ctx.cost.gcThreads;
            if (chosen > 0 && predicted > budget) {
                break;
            }
            budget -= predicted;
            inSet[r] = true;
            oldRegionsEvacuated.inc();
            garbageReclaimed.add(garbage(r));
            candidates.remove(0);
            chosen++;
        }
        lastMixedChosen = chosen;
        if (chosen == 0) {
            mixedLeft = 0;
            return new long[3];
        }
        long copied = 0;
        long bytes = 0;
        long freed = 0;
        for (int i = 0, n = table.high(); i < n; i++) {
            if (!table.isUsed(i)) {
                continue;
            }
            int r = regions.regionOf(offset(i));
            if (!inSet[r]) {
                continue;
            }
            if (!table.isMarked(i)) {
                remset.forget(i);
                free(i);
                freed++;
                continue;
            }
            long at = bump(false, table.size(i));
            if (at < 0) {
                throw new IllegalStateException("regional: no region left to evacuate an old region into");
            }
            place(i, at);
            touch(at, table.size(i));
            copied++;
            bytes += table.size(i);
            promoted.push(i); // re-check its young references
        }
        for (int r = 0; r < regions.count; r++) {
            if (inSet[r]) {
                regions.release(r);
            }
        }
        if (candidates.isEmpty()) {
            mixedLeft = 0;
        }
        return new long[] {copied, bytes, freed};
    }

    // ---------------------------------------------------------------- full

    /** The fallback: mark everything, then slide every live object into old regions from the bottom of the heap. */
    private void full() {
        marker.markAll(table, ctx.roots);
        long freed = 0;
        long[] keys = new long[Math.max(16, table.live())];
        int live = 0;
        for (int i = 0, n = table.high(); i < n; i++) {
            if (!table.isUsed(i)) {
                continue;
            }
            if (!table.isMarked(i)) {
                remset.forget(i);
                free(i);
                freed++;
            } else {
                keys[live++] = (Integer.toUnsignedLong(table.granule(i)) << 31) | i;
            }
        }
        Arrays.sort(keys, 0, live);
        for (int r = 0; r < regions.count; r++) {
            regions.release(r);
        }
        edenRegion = -1;
        survivorRegion = -1;
        oldRegion = -1;
        candidates.clear();
        mixedLeft = 0;
        long moved = 0;
        long movedBytes = 0;
        long refs = 0;
        young.clear();
        for (int j = 0; j < live; j++) {
            int i = (int) (keys[j] & 0x7FFFFFFFL);
            int size = table.size(i);
            long at;
            if (size >= regions.size / 2) {
                int r = regions.takeRun((int) ((size + regions.size - 1) / regions.size));
                at = r < 0 ? -1 : regions.bottom(r);
            } else {
                at = bump(false, size);
            }
            if (at < 0) {
                throw new IllegalStateException("regional: live data does not fit the heap after a full collection");
            }
            if (at != offset(i)) {
                moved++;
                movedBytes += size;
                place(i, at);
                touch(at, size);
            }
            refs += table.slotCount(i);
            table.unmark(i);
            age[i] = (byte) promoteAge;
        }
        remset.drain();
        ctx.stats.objectsMarked.add(marker.marked);
        ctx.stats.objectsCopied.add(moved);
        ctx.stats.bytesCopied.add(movedBytes);
        double work = marker.cost(ctx.cost) + live * 2 * ctx.cost.gcCopyObjectNs + movedBytes * ctx.cost.gcCopyByteNs
            + refs * ctx.cost.gcScanRefNs + freed * ctx.cost.gcSweepNs;
        ctx.pause(CollectionKind.FULL, work, marker.marked + " marked, " + moved + " slid, " + freed + " freed; regions "
            + Arrays.toString(regionCounts()));
        marker.trim();
    }

    @Override
    public void finalCollection() {
        full();
    }

    @Override
    public long heapBytes() {
        return (long) (regions.count - regions.free) * regions.size;
    }

    @Override
    public long heapLimitBytes() {
        return (long) regions.count * regions.size;
    }

    /** Regions of each kind, for the tour's region map: free, eden, survivor, old, humongous. */
    public int[] regionCounts() {
        return new int[] {regions.countOf(Regions.FREE), regions.countOf(Regions.EDEN), regions.countOf(Regions.SURVIVOR),
            regions.countOf(Regions.OLD), regions.countOf(Regions.HUMONGOUS) + regions.countOf(Regions.HUMONGOUS_TAIL)};
    }

    /** Young regions the plan aims for now. */
    public int youngTarget() {
        return youngTarget;
    }
}
