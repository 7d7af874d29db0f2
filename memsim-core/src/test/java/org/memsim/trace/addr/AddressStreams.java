package org.memsim.trace.addr;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random allocation streams with addresses, written as memsim text in the canonical form an
 * address-based reader produces (ids 0, 1, 2, … in allocation order, fresh ids for invalid frees,
 * sites defined in order of first use), restricted to what each dialect can express.
 */
public final class AddressStreams {
    /** What a format's writer and reader carry through unchanged. */
    public enum Dialect {
        /** Valgrind --trace-malloc: calloc, alignment, realloc of NULL and to 0, free(NULL), processes; no sites. */
        VALGRIND,
        /** glibc mtrace: moving reallocs, one-frame sites (mtrace callers) on every event. */
        MTRACE,
        /** heaptrack raw: allocations with hex-ip call stacks, frees without sites. */
        HEAPTRACK
    }

    private AddressStreams() {}

    public static String generate(Dialect d, long seed, int operations) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        long nextId = 0;
        int pid = 100;
        int processes = 1;
        List<List<long[]>> liveByProcess = new ArrayList<>(); // {id, address}
        liveByProcess.add(new ArrayList<>());
        List<long[]> live = liveByProcess.get(0);
        List<String> siteTexts = new ArrayList<>();
        if (d == Dialect.VALGRIND) {
            sb.append("start ").append(pid).append('\n');
        }
        for (int op = 0; op < operations; op++) {
            int choice = r.nextInt(100);
            String site = "";
            if (d != Dialect.VALGRIND) {
                String text = d == Dialect.MTRACE ? "./prog:[0x" + Integer.toHexString(0x1100 + 16 * r.nextInt(12)) + "]"
                    : stack(r);
                int n = siteTexts.indexOf(text);
                if (n < 0) {
                    siteTexts.add(text);
                    n = siteTexts.size() - 1;
                    sb.append("site ").append(n + 1).append(' ').append(text).append('\n');
                }
                site = " site=" + (n + 1);
            }
            String freeSite = d == Dialect.MTRACE ? site : "";
            if (choice < 35 || live.isEmpty()) {
                alloc(sb, d, r, nextId++, live, site);
            } else if (choice < 55) {
                long[] b = live.remove(r.nextInt(live.size()));
                sb.append("free ").append(b[0]).append(freeSite).append('\n');
            } else if (choice < 70 && d != Dialect.HEAPTRACK) {
                long[] b = live.get(r.nextInt(live.size()));
                long addr = r.nextInt(4) == 0 ? b[1] : freshAddress(r, live);
                b[1] = addr;
                sb.append("realloc ").append(b[0]).append(' ').append(1 + r.nextInt(9000))
                    .append(" addr=0x").append(Long.toHexString(addr)).append(site).append('\n');
            } else if (choice < 75) {
                sb.append("free ").append(nextId++).append(freeSite).append('\n'); // invalid free: a fresh id
            } else if (choice < 80 && d == Dialect.VALGRIND) {
                sb.append("free null\n");
            } else if (choice < 85 && d == Dialect.VALGRIND) {
                long id = nextId++;
                long addr = freshAddress(r, live);
                sb.append("realloc ").append(id).append(' ').append(r.nextInt(300))
                    .append(" addr=0x").append(Long.toHexString(addr)).append('\n'); // realloc(NULL, n)
                live.add(new long[] {id, addr});
            } else if (choice < 90 && d == Dialect.VALGRIND) {
                long[] b = live.remove(r.nextInt(live.size()));
                sb.append("realloc ").append(b[0]).append(" 0\n"); // realloc(p, 0) returning NULL frees
            } else if (choice < 93 && d == Dialect.VALGRIND) {
                if (processes < 3 && r.nextBoolean()) {
                    liveByProcess.add(new ArrayList<>());
                    processes++;
                    pid = 100 + processes - 1;
                    live = liveByProcess.get(processes - 1);
                    sb.append("start ").append(pid).append('\n');
                    alloc(sb, d, r, nextId++, live, site); // so the pid shows in the log
                } else {
                    int p = r.nextInt(processes);
                    if (100 + p != pid) {
                        pid = 100 + p;
                        live = liveByProcess.get(p);
                        sb.append("switch ").append(pid).append(' ').append(pid).append('\n');
                        alloc(sb, d, r, nextId++, live, site);
                    }
                }
            } else {
                long[] b = live.remove(r.nextInt(live.size()));
                sb.append("free ").append(b[0]).append(freeSite).append('\n');
            }
        }
        return dropUnusedSites(sb.toString());
    }

    private static void alloc(StringBuilder sb, Dialect d, Random r, long id, List<long[]> live, String site) {
        long addr = freshAddress(r, live);
        long size = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(5000);
        if (d == Dialect.VALGRIND && r.nextInt(5) == 0) {
            sb.append("calloc ").append(id).append(' ').append(1 + r.nextInt(9)).append(' ').append(size);
        } else {
            sb.append("alloc ").append(id).append(' ').append(size);
            if (d == Dialect.VALGRIND && r.nextInt(6) == 0) {
                sb.append(" align=").append(16L << r.nextInt(8));
            }
        }
        sb.append(" addr=0x").append(Long.toHexString(addr)).append(site).append('\n');
        live.add(new long[] {id, addr});
    }

    private static String stack(Random r) {
        StringBuilder sb = new StringBuilder();
        int depth = 1 + r.nextInt(3);
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                sb.append(';');
            }
            sb.append("0x").append(Long.toHexString(0x401000L + (i == depth - 1 ? 0 : 16 * r.nextInt(4 + i))));
        }
        return sb.toString();
    }

    /** Addresses 16-aligned below 0xdead0000 (where writers put invalid frees), not live. */
    private static long freshAddress(Random r, List<long[]> live) {
        while (true) {
            long a = 0x10000000L + 16L * r.nextInt(1 << 16);
            boolean used = false;
            for (long[] b : live) {
                used |= b[1] == a;
            }
            if (!used) {
                return a;
            }
        }
    }

    /** Site lines whose site no event uses (heaptrack frees have none) are dropped, and sites renumbered by first use. */
    private static String dropUnusedSites(String text) {
        String[] lines = text.split("\n");
        java.util.Map<String, String> defs = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> renumber = new java.util.HashMap<>();
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("site ")) {
                String[] p = line.split(" ", 3);
                defs.put(p[1], p[2]);
                continue;
            }
            int at = line.indexOf(" site=");
            if (at >= 0) {
                String old = line.substring(at + 6);
                String now = renumber.get(old);
                if (now == null) {
                    now = Integer.toString(renumber.size() + 1);
                    renumber.put(old, now);
                    out.append("site ").append(now).append(' ').append(defs.get(old)).append('\n');
                }
                line = line.substring(0, at) + " site=" + now;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
