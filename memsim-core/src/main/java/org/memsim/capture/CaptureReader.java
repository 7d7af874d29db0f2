package org.memsim.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.memsim.collections.LongLongHashMap;
import org.memsim.event.EventSink;
import org.memsim.trace.LineScanner;

/**
 * Turns a finished capture's files into memsim events, following the captured-trace contract of
 * {@code docs/capture.md}: fresh block ids per allocation, a free of a freed block's pointer naming
 * the old block, {@code freeptr} for pointers that start no block, {@code switch} whenever the
 * recording process or thread changes, {@code start}/{@code fork}/{@code exit} for processes.
 * Files of several processes are merged by the shim's monotonic timestamps; inside one file the
 * order is the file's. Lackey's access lines between a hook's {@code E} and {@code L} markers (the
 * allocator's and the shim's own work) are dropped, as are the accesses before the shim's first
 * record (the dynamic loader starting the process) and instruction fetches unless asked for.
 */
public final class CaptureReader {
    private static final long MAP_FAILED = -1L;

    private final Capturer.Run run;
    private final List<RecordFile> files = new ArrayList<>();
    private final Map<Integer, Proc> procs = new LinkedHashMap<>();
    private final Map<String, Integer> siteIds = new HashMap<>();
    private final Map<String, Integer> fileIds = new HashMap<>();
    private final long[] idCounter = new long[1];
    private final LongLongHashMap threads = new LongLongHashMap(-1);
    private EventSink sink;
    private int curPid = Integer.MIN_VALUE;
    private int curTid = Integer.MIN_VALUE;
    private long allocations;
    private long frees;
    private long failedReallocs;
    private long droppedAccesses;

    /** One process: its block ids, its threads inside a hook (Valgrind mode), its exit status. */
    private static final class Proc {
        final int pid;
        BlockIds ids;
        final LongLongHashMap inside = new LongLongHashMap(-1);
        int lastTid;
        Long status;
        RecordFile lastImage;

        Proc(int pid, BlockIds ids) {
            this.pid = pid;
            this.ids = ids;
            this.lastTid = pid;
        }
    }

    /** What the capture held, for the command's summary. */
    public record Summary(long events, long allocations, long frees, int processes, int threads,
                          int topPid, int topStatus, long failedReallocs, long droppedAccesses, boolean sawRecords) {}

    public CaptureReader(Capturer.Run run) {
        this.run = run;
    }

    /** Replays the capture into {@code sink} (without calling {@code end()}); returns the summary. */
    public Summary replay(EventSink sink) throws IOException {
        this.sink = sink;
        try (var list = Files.list(run.directory())) {
            for (Path p : (Iterable<Path>) list.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".rec") || name.startsWith("lackey.")) {
                    RecordFile f = new RecordFile(p, name.startsWith("lackey."));
                    f.scan();
                    if (!f.times.isEmpty()) {
                        files.add(f);
                    }
                }
            }
        }
        files.sort(Comparator.comparingLong(RecordFile::firstTime));
        defineSites();
        Map<Integer, RecordFile> lastImage = new HashMap<>();
        for (RecordFile f : files) {
            lastImage.put(f.pid, f);
        }
        long events = 0;
        PriorityQueue<Cursor> queue = new PriorityQueue<>(Comparator.comparingLong((Cursor c) -> c.key()).thenComparingInt(c -> c.order));
        for (int i = 0; i < files.size(); i++) {
            RecordFile f = files.get(i);
            f.open();
            queue.add(new Cursor(f, i, lastImage.get(f.pid) == f));
        }
        int topStatus = topStatus();
        if (files.isEmpty()) {
            sink.processStart(run.pid());
            sink.contextSwitch(run.pid(), run.pid());
            sink.processExit(run.pid(), topStatus);
            return new Summary(3, 0, 0, 1, 1, run.pid(), topStatus, 0, 0, false);
        }
        while (!queue.isEmpty()) {
            Cursor c = queue.poll();
            events += c.segment();
            if (c.timed < c.file.times.size()) {
                queue.add(c);
            } else {
                c.file.close();
                if (c.last) {
                    Proc p = procs.get(c.file.pid);
                    int status = c.file.pid == run.pid() ? topStatus : p.status != null ? (int) (long) p.status : 0;
                    sink.processExit(c.file.pid, status);
                    events++;
                }
            }
        }
        return new Summary(events, allocations, frees, procs.size(), threads.size(), run.pid(), topStatus, failedReallocs,
            droppedAccesses, true);
    }

    /** The started process's status: what the shim recorded, unless waitpid saw it die otherwise. */
    private int topStatus() {
        int rc = run.exitCode();
        int waited = rc > 128 ? -(rc - 128) : rc;
        RecordFile last = null;
        for (RecordFile f : files) {
            if (f.pid == run.pid() && f.hasStatus) {
                last = f;
            }
        }
        if (last == null) {
            return waited;
        }
        long x = last.status;
        return x < 0 || x == rc ? (int) x : waited;
    }

    private int[] siteMap(RecordFile f) {
        int max = 0;
        for (int i = 0; i < f.siteNumbers.size(); i++) {
            max = (int) Math.max(max, f.siteNumbers.get(i));
        }
        int[] map = new int[max + 1];
        for (int i = 0; i < f.siteNumbers.size(); i++) {
            String frames = f.siteFrames.get(i);
            int id = siteIds.computeIfAbsent(frames, k -> {
                int n = siteIds.size() + 1;
                sink.defineSite(n, k);
                return n;
            });
            map[(int) f.siteNumbers.get(i)] = id;
        }
        return map;
    }

    private final Map<RecordFile, int[]> siteMaps = new HashMap<>();

    private void defineSites() {
        for (RecordFile f : files) {
            siteMaps.put(f, siteMap(f));
        }
    }

    /** One file being merged: its next timed record's time is its key. */
    private final class Cursor {
        final RecordFile file;
        final int order;
        final boolean last;
        final int[] sites;
        int timed;
        boolean started;
        Proc proc;

        Cursor(RecordFile file, int order, boolean last) {
            this.file = file;
            this.order = order;
            this.last = last;
            this.sites = siteMaps.get(file);
        }

        long key() {
            return file.times.get(timed);
        }

        /** Emits lines up to and including the next timed record; after the last one, to the end of the file. */
        long segment() throws IOException {
            long events = 0;
            RecordFile.Line l;
            while ((l = file.next()) != RecordFile.Line.END) {
                if (l != RecordFile.Line.RECORD) {
                    if (!started || !proc.inside.isEmpty() || (l == RecordFile.Line.IFETCH && !run.options().ifetch())) {
                        droppedAccesses++;
                        continue;
                    }
                    switchTo(proc.pid, proc.lastTid);
                    switch (l) {
                        case LOAD -> sink.load(file.accessAddress, file.accessSize);
                        case STORE -> sink.store(file.accessAddress, file.accessSize);
                        case MODIFY -> sink.modify(file.accessAddress, file.accessSize);
                        default -> sink.ifetch(file.accessAddress, file.accessSize);
                    }
                    events++;
                    continue;
                }
                boolean isTimed = file.op != 'W' && file.op != 'D' && file.op != 'E' && file.op != 'L';
                events += record();
                if (isTimed) {
                    timed++;
                    if (timed < file.times.size()) {
                        return events;
                    }
                }
            }
            return events;
        }

        private long record() {
            RecordFile f = file;
            LineScanner s = f.scanner();
            char op = f.op;
            if (op == 'P') {
                return header(s);
            }
            if (!started) {
                throw s.fail("expected the shim's process header ('P pid ppid kind time') before other records");
            }
            switch (op) {
                case 'E' -> {
                    long tid = f.field("thread id");
                    proc.inside.put(tid, 1);
                    proc.lastTid = (int) tid;
                    return 0;
                }
                case 'L' -> {
                    long tid = f.field("thread id");
                    proc.inside.remove(tid);
                    proc.lastTid = (int) tid;
                    return 0;
                }
                case 'D' -> {
                    return 0;
                }
                case 'W' -> {
                    long addr = f.field("address");
                    long value = f.field("value");
                    switchTo(proc.pid, proc.lastTid);
                    sink.word(addr, value);
                    return 1;
                }
                default -> { }
            }
            f.field("time");
            int tid = (int) f.field("thread id");
            proc.lastTid = tid;
            if (op == 'X') {
                s.skipBlanks();
                proc.status = s.signedDecimal("exit status");
                return 0;
            }
            switchTo(proc.pid, tid);
            BlockIds ids = proc.ids;
            switch (op) {
                case 'm', 'a', 'c' -> {
                    long a = op == 'm' ? 0 : f.field(op == 'a' ? "alignment" : "count");
                    long size = f.field("size");
                    long ret = f.field("returned pointer");
                    int site = site(f.field("site"));
                    long id = ids.next();
                    if (op == 'c') {
                        sink.calloc(id, a, size, ret, site);
                    } else {
                        sink.alloc(id, size, a, ret, site);
                    }
                    if (ret != 0) {
                        ids.allocated(ret, id);
                        allocations++;
                    }
                    return 1;
                }
                case 'r' -> {
                    return realloc(ids);
                }
                case 'f' -> {
                    long ptr = f.field("pointer");
                    int site = site(f.field("site"));
                    long id = ids.named(ptr);
                    if (id == BlockIds.NONE) {
                        sink.freePointer(ptr, site);
                    } else {
                        sink.free(id, site);
                        if (id != EventSink.NULL_ID && ids.live(ptr) == id) {
                            ids.released(ptr, id);
                        }
                    }
                    frees++;
                    return 1;
                }
                case 'M' -> {
                    f.field("hint");
                    long len = f.field("length");
                    int prot = (int) f.field("protection");
                    int flags = (int) f.field("flags");
                    long off = f.field("offset");
                    long ret = f.field("returned address");
                    String path = s.rest();
                    if (ret == MAP_FAILED) {
                        return 0;
                    }
                    int file = 0;
                    if (!path.isEmpty()) {
                        file = fileIds.computeIfAbsent(path, k -> {
                            int n = fileIds.size() + 1;
                            sink.defineFile(n, k);
                            return n;
                        });
                    }
                    sink.mmap(ret, len, prot & 7, flags, file, off);
                    return 1;
                }
                case 'U' -> {
                    long addr = f.field("address");
                    long len = f.field("length");
                    long rc = f.field("result");
                    if (rc != 0) {
                        return 0;
                    }
                    sink.munmap(addr, len);
                    return 1;
                }
                case 'B' -> {
                    long addr = f.field("address");
                    long rc = f.field("result");
                    if (rc != 0) {
                        return 0;
                    }
                    sink.brk(addr);
                    return 1;
                }
                case 'S' -> {
                    long incr = f.field("increment");
                    long ret = f.field("previous break");
                    if (ret == MAP_FAILED || incr == 0) {
                        return 0;
                    }
                    sink.brk(ret + incr);
                    return 1;
                }
                default -> throw s.fail("unexpected record '" + op + "'");
            }
        }

        private long realloc(BlockIds ids) {
            RecordFile f = file;
            long old = f.field("old pointer");
            long size = f.field("size");
            long ret = f.field("returned pointer");
            int site = site(f.field("site"));
            if (old == 0) {
                long id = ids.next();
                sink.alloc(id, size, 0, ret, site);
                if (ret != 0) {
                    ids.allocated(ret, id);
                    allocations++;
                }
                return 1;
            }
            long id = ids.named(old);
            if (id == BlockIds.NONE) {
                // realloc of a pointer that starts no block: an invalid free, then (if glibc went on) a new block
                sink.freePointer(old, site);
                if (ret == 0) {
                    return 1;
                }
                long fresh = ids.next();
                sink.alloc(fresh, size, 0, ret, site);
                ids.allocated(ret, fresh);
                allocations++;
                return 2;
            }
            boolean wasLive = ids.live(old) == id;
            if (size == 0) {
                sink.realloc(id, 0, EventSink.NO_ADDRESS, site);
                if (wasLive) {
                    ids.released(old, id);
                }
                frees++;
                return 1;
            }
            if (ret == 0) {
                failedReallocs++; // the old block stays; memsim's vocabulary has no failed realloc
                return 0;
            }
            sink.realloc(id, size, ret, site);
            if (wasLive) {
                ids.released(old, id);
            }
            ids.allocated(ret, id);
            return 1;
        }

        private int site(long local) {
            return local > 0 && local < sites.length ? sites[(int) local] : EventSink.NONE;
        }

        private long header(LineScanner s) {
            int pid = (int) file.field("pid");
            int ppid = (int) file.field("parent pid");
            s.skipBlanks();
            char kind = (char) s.peek();
            s.pos++;
            file.field("time");
            Proc known = procs.get(pid);
            Proc parent = procs.get(ppid);
            long events = 0;
            if (kind == 'f') {
                if (parent == null) {
                    throw s.fail("a fork child's header names parent pid " + ppid + ", which recorded nothing before");
                }
                if (started) {
                    return 0;
                }
                proc = new Proc(pid, parent.ids.copy());
                procs.put(pid, proc);
                sink.fork(ppid, pid);
                events++;
            } else if (known != null) {
                // exec: a fresh image of a known process
                proc = known;
                proc.ids = proc.ids.fresh();
                proc.inside.clear();
                sink.processStart(pid);
                events++;
            } else {
                proc = new Proc(pid, BlockIds.first(idCounter));
                procs.put(pid, proc);
                if (parent != null) {
                    sink.fork(ppid, pid);
                    events++;
                }
                sink.processStart(pid);
                events++;
            }
            started = true;
            curPid = Integer.MIN_VALUE;
            switchTo(pid, pid);
            return events + 1;
        }
    }

    private void switchTo(int pid, int tid) {
        if (pid != curPid || tid != curTid) {
            sink.contextSwitch(pid, tid);
            curPid = pid;
            curTid = tid;
            threads.put(((long) pid << 32) | (tid & 0xffffffffL), 1);
        }
    }
}
