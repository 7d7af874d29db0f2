package org.memsim.gc.generational;

import java.util.Arrays;
import java.util.List;
import org.memsim.gc.CollectionKind;
import org.memsim.gc.Compactor;
import org.memsim.gc.Constraints;
import org.memsim.gc.Evacuator;
import org.memsim.gc.GcContext;
import org.memsim.gc.HeapSizing;
import org.memsim.gc.Marker;
import org.memsim.gc.Plan;
import org.memsim.gc.RememberedSet;
import org.memsim.gc.space.BumpSpace;
import org.memsim.gc.space.FreeListSpace;
import org.memsim.gc.space.IntStack;
import org.memsim.spec.Param;
import org.memsim.spec.Params;
import org.memsim.spec.SpecException;

/**
 * Two generations, as HotSpot's serial collector and MMTk's {@code GenMS}/{@code GenCopy}: new
 * objects bump through an eden; a minor collection copies eden's and one survivor space's live
 * objects into the other survivor space, promoting those that survived {@code promote}
 * collections (or that do not fit) into the old generation — a mark-sweep space
 * ({@code old=marksweep}) or a sliding mark-compact space ({@code old=markcompact}). Old-to-young
 * references are found through a card-marking write barrier and remembered set. A major
 * collection marks the whole heap and sweeps or compacts the old generation; it runs when the old
 * generation is full or cannot guarantee room for the next promotion.
 * <pre>
 *   | eden | survivor 0 | survivor 1 |   old (free lists or compacted)   |
 *   '-------- young (copied) ---------'
 * </pre>
 */
public final class GenerationalPlan extends Plan {
    public static final List<Param> PARAMS = List.of(
        Param.of("nursery", "4m", "eden size (-Xmn without the survivors)"),
        Param.of("survivor", "0.125", "each survivor space as a fraction of eden (-XX:SurvivorRatio=8)"),
        Param.of("promote", "2", "minor collections an object survives before promotion (-XX:MaxTenuringThreshold)"),
        Param.choice("old", "marksweep", "old generation policy", "marksweep", "markcompact"),
        Param.of("card", "512", "card size in bytes"),
        Param.of("heap", "16m", "initial old generation size"),
        Param.of("max", "1g", "largest old generation"),
        Param.of("occupancy", "0.5", "live fraction of the old generation after a major collection above which it doubles"));

    private final String spec;
    private final HeapSizing sizing;
    private final BumpSpace eden;
    private BumpSpace fromSurvivor;
    private BumpSpace toSurvivor;
    private final long youngStart;
    private final long youngEnd;
    private final FreeListSpace oldFree;
    private final BumpSpace oldBump;
    private final RememberedSet remset;
    private final int promoteAge;
    private byte[] age = new byte[1024];
    private IntStack young = new IntStack(1024);
    private IntStack nextYoung = new IntStack(1024);
    private final IntStack promoted = new IntStack(256);
    private final Evacuator evacuator = new Evacuator();
    private final Marker marker = new Marker();
    private final Compactor compactor = new Compactor();
    private final Constraints constraints = new GenerationalConstraints();
    private final Marker.Scope youngScope;
    private int[] members = new int[1024];

    public GenerationalPlan(Params p, GcContext ctx) {
        super(ctx);
        sizing = new HeapSizing(p);
        long nursery = p.bytes("nursery");
        double survivorFraction = p.real("survivor");
        promoteAge = (int) p.number("promote", 1, 15);
        int card = (int) p.bytes("card");
        if (nursery < 4096 || nursery > (4L << 30) || !(survivorFraction > 0 && survivorFraction <= 1)) {
            throw new SpecException("generational: nursery must be 4k to 4g and survivor in (0, 1]");
        }
        if (Integer.bitCount(card) != 1 || card < 64 || card > 65536) {
            throw new SpecException("generational: card must be a power of two from 64 to 65536");
        }
        boolean compact = p.string("old").equals("markcompact");
        spec = "generational:nursery=" + p.string("nursery") + ",promote=" + promoteAge + ",old=" + p.string("old");
        long survivorBytes = Math.max(4096, (long) (nursery * survivorFraction) & ~7L);
        eden = new BumpSpace("eden", ctx.heap, nursery);
        fromSurvivor = new BumpSpace("survivor-0", ctx.heap, survivorBytes);
        toSurvivor = new BumpSpace("survivor-1", ctx.heap, survivorBytes);
        youngStart = eden.start();
        youngEnd = toSurvivor.start() + toSurvivor.reserved();
        if (compact) {
            oldBump = new BumpSpace("old", ctx.heap, sizing.max());
            oldBump.setCapacity(sizing.capacity());
            oldFree = null;
            remset = new RememberedSet(oldBump.start(), oldBump.reserved(), card);
        } else {
            oldFree = new FreeListSpace("old", ctx.heap, sizing.max(), 64 << 10, FreeListSpace.goClasses());
            oldFree.setCapacity(sizing.capacity());
            oldBump = null;
            remset = new RememberedSet(youngEnd, oldFree.reserved() + (64 << 10), card);
        }
        youngScope = this::isYoung;
    }

    @Override public String spec() { return spec; }
    @Override public Constraints constraints() { return constraints; }

    private boolean isYoung(int i) {
        long o = offset(i);
        return o >= youngStart && o < youngEnd;
    }

    // ---------------------------------------------------------------- allocation

    @Override
    public long allocate(long bytes) {
        long at = eden.alloc(bytes);
        return at >= 0 ? at : allocSlow(bytes);
    }

    /** Eden is full: a minor collection (or a major one), then eden again; objects too big for eden go straight to the old generation. */
    private long allocSlow(long bytes) {
        if (bytes > eden.reserved() / 2) {
            long at = oldAlloc(bytes);
            if (at < 0) {
                major();
                at = oldAlloc(bytes);
                while (at < 0 && growOld()) {
                    at = oldAlloc(bytes);
                }
            }
            return at;
        }
        minor();
        return eden.alloc(bytes);
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

    private long oldAlloc(long bytes) {
        return oldFree != null ? oldFree.alloc(bytes) : oldBump.alloc(bytes);
    }

    private long oldFreeBytes() {
        return oldFree != null ? oldFree.capacity() - oldFree.blockBytesInUse() : oldBump.capacity() - oldBump.used();
    }

    private boolean growOld() {
        if (!sizing.growToMax()) {
            return false;
        }
        setOldCapacity();
        return true;
    }

    private void setOldCapacity() {
        if (oldFree != null) {
            oldFree.setCapacity(sizing.capacity());
        } else {
            oldBump.setCapacity(sizing.capacity());
        }
    }

    // ---------------------------------------------------------------- minor

    /** Copies eden's and the from-survivor's live objects; a major collection instead if promotion might not fit. */
    private void minor() {
        long youngUsed = eden.used() + fromSurvivor.used();
        if (oldFreeBytes() < youngUsed && !growOld()) {
            major();
            return;
        }
        evacuator.begin();
        promoted.clear();
        toSurvivor.reset();
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
            // promotion failed: the old generation is full; the collected state is consistent, finish with a major
            finishMinor(remembered, cards);
            major();
            return;
        }
        finishMinor(remembered, cards);
        if (oldFreeBytes() < eden.reserved() / 4 && !growOld()) {
            major();
        }
    }

    private void finishMinor(int[] remembered, long cards) {
        long dead = 0;
        nextYoung.clear();
        for (int j = 0; j < young.size(); j++) {
            int i = young.get(j);
            if (!table.isUsed(i)) {
                continue;
            }
            if (!table.isMarked(i) && isYoungAtStart(i)) {
                free(i);
                dead++;
            }
        }
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
        eden.reset();
        BumpSpace s = fromSurvivor;
        fromSurvivor = toSurvivor;
        toSurvivor = s;
        long rescanned = rememberAgain(remembered) + rememberPromoted();
        ctx.stats.objectsMarked.add(evacuator.copied);
        ctx.stats.objectsCopied.add(evacuator.copied);
        ctx.stats.bytesCopied.add(evacuator.copiedBytes);
        ctx.stats.cardsScanned.add(cards);
        double work = evacuator.cost(ctx.cost) + cards * ctx.cost.gcCardNs + rescanned * ctx.cost.gcScanRefNs;
        ctx.pause(CollectionKind.MINOR, work, evacuator.copied + " survivors copied, " + promoted.size() + " promoted, "
            + dead + " died young, " + cards + " dirty cards");
        evacuator.trim();
    }

    /** Objects of the young list that were in eden or the from-survivor at the start (all of them: nothing else is listed). */
    private boolean isYoungAtStart(int i) {
        return true;
    }

    private long copyYoung(int i, int size) {
        int a = ++age[i];
        if (a < promoteAge) {
            long at = toSurvivor.alloc(size);
            if (at >= 0) {
                return at;
            }
        }
        long at = oldAlloc(size);
        if (at < 0 && growOld()) {
            at = oldAlloc(size);
        }
        if (at >= 0) {
            promoted.push(i);
            ctx.stats.objectsPromoted.inc();
        }
        return at;
    }

    /** Re-remembers old objects that still point at young ones; returns the slots scanned. */
    private long rememberAgain(int[] candidates) {
        long scanned = 0;
        for (int src : candidates) {
            if (table.isUsed(src) && !isYoung(src)) {
                scanned += keepIfPointsYoung(src);
            }
        }
        return scanned;
    }

    private long rememberPromoted() {
        long scanned = 0;
        for (int j = 0; j < promoted.size(); j++) {
            scanned += keepIfPointsYoung(promoted.get(j));
        }
        return scanned;
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

    // ---------------------------------------------------------------- major

    /** Marks the whole heap; sweeps or compacts the old generation; frees dead young objects in place. */
    private void major() {
        marker.markAll(table, ctx.roots);
        long swept = 0;
        long freed = 0;
        int oldCount = 0;
        if (oldBump != null && members.length < table.live()) {
            members = new int[table.live() + (table.live() >> 1)];
        }
        for (int i = 0, n = table.high(); i < n; i++) {
            if (!table.isUsed(i)) {
                continue;
            }
            boolean isOld = !isYoung(i);
            if (isOld && oldBump != null) {
                members[oldCount++] = i;
                continue;
            }
            swept++;
            if (!table.isMarked(i)) {
                if (isOld) {
                    oldFree.free(offset(i));
                }
                remset.forget(i);
                free(i);
                freed++;
            }
        }
        double work = marker.cost(ctx.cost) + swept * ctx.cost.gcSweepNs;
        if (oldBump != null) {
            compactor.compact(this, ctx, oldBump, members, oldCount, j -> {
                remset.forget(j);
                free(j);
            });
            work += compactor.work;
        }
        // young survivors stay where they are; unmark them (minor collections use the mark as the forwarded bit)
        nextYoung.clear();
        for (int j = 0; j < young.size(); j++) {
            int i = young.get(j);
            if (table.isUsed(i) && isYoung(i)) {
                table.unmark(i);
                nextYoung.push(i);
            }
        }
        IntStack t = young;
        young = nextYoung;
        nextYoung = t;
        // rebuild the remembered set from every old object (their addresses may have changed)
        remset.drain();
        long rescanned = 0;
        for (int i = 0, n = table.high(); i < n; i++) {
            if (table.isUsed(i) && !isYoung(i)) {
                rescanned += keepIfPointsYoung(i);
            }
        }
        work += rescanned * ctx.cost.gcScanRefNs;
        long oldUsed = oldFree != null ? oldFree.cellBytesInUse() : oldBump.used();
        if (sizing.resize(oldUsed)) {
            setOldCapacity();
        }
        ctx.stats.objectsMarked.add(marker.marked);
        ctx.pause(CollectionKind.FULL, work, marker.marked + " marked, " + freed + " freed"
            + (oldBump != null ? ", " + compactor.moved + " slid" : ""));
        marker.trim();
    }

    @Override
    public void verify() {
        if (oldFree != null) {
            oldFree.verify();
        }
    }

    @Override
    public void finalCollection() {
        major();
    }

    @Override
    public long heapBytes() {
        return eden.used() + fromSurvivor.used() + toSurvivor.used() + (oldFree != null ? oldFree.blockBytesInUse() : oldBump.used());
    }

    @Override
    public long heapLimitBytes() {
        return eden.reserved() + 2 * fromSurvivor.reserved() + sizing.capacity();
    }
}
