package org.memsim.cli.command;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.memsim.InputException;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.OutputOptions;
import org.memsim.collections.LongArrayList;
import org.memsim.vm.replace.ReferenceString;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code memsim paging}: the textbook exercise — a reference string through N frames under one
 * replacement policy, printed reference by reference (page, HIT or MISS, the page evicted, the frames)
 * and totalled. Rows are streamed, so a reference file of millions of lines prints in constant memory
 * beyond the string itself.
 */
@Command(name = "paging", mixinStandardHelpOptions = true,
    description = "Reference-string mode for teaching page replacement: each reference is a HIT or a MISS, a miss "
        + "evicts the policy's victim when the frames are full; prints every step and the totals.")
public final class PagingCommand implements Callable<Integer> {
    /** References accepted at most (8 bytes each). */
    static final int MAX_REFS = 50_000_000;

    @Option(names = "--policy", paramLabel = "SPEC", defaultValue = "lru",
        description = "Replacement policy: fifo, lru, clock, second-chance, lfu, random[:seed=N], opt[:lookahead=N], "
            + "aging[:bits=N,tick=N], ws[:window=N] (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "3", description = "Page frames (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--refs", paramLabel = "P,P,...", description = "The reference string: page numbers separated by commas or spaces.")
    String refs;

    @Option(names = "--refs-file", paramLabel = "FILE", description = "A file with one page number per line ('#' comments and blank lines skipped).")
    Path refsFile;

    @Mixin
    OutputOptions out;

    @Override
    public Integer call() throws IOException {
        if ((refs == null) == (refsFile == null)) {
            throw new InputException("give the reference string with exactly one of --refs P,P,... or --refs-file FILE");
        }
        if (frames <= 0 || frames > 1_000_000) {
            throw new InputException("--frames " + frames + ": expected 1 to 1,000,000 frames");
        }
        long[] pages = refs != null ? parseList(refs) : parseFile(refsFile);
        Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        Printer printer = out.json ? new JsonPrinter(w) : out.csv ? new CsvPrinter(w) : new TextPrinter(w, pages, frames);
        ReferenceString.Result totals = out.json ? ReferenceString.run(pages, frames, policy, (p, h, e, f) -> { }) : null;
        printer.begin(policy, frames, pages.length, totals);
        ReferenceString.Result r = ReferenceString.run(pages, frames, policy, printer::step);
        printer.end(r);
        w.flush();
        return 0;
    }

    /** {@code 7,0,1 2} → pages. */
    static long[] parseList(String text) {
        LongArrayList out = new LongArrayList();
        int n = 0;
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            n++;
            out.add(page(part, "--refs: reference " + n));
            if (out.size() > MAX_REFS) {
                throw new InputException("--refs: more than " + MAX_REFS + " references");
            }
        }
        if (out.isEmpty()) {
            throw new InputException("--refs: no page numbers (expected e.g. 7,0,1,2,0)");
        }
        return out.toArray();
    }

    static long[] parseFile(Path file) throws IOException {
        LongArrayList out = new LongArrayList();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.length() > 1000) {
                    throw new InputException(file + " line " + lineNo + ": longer than 1000 characters (expected one page number)");
                }
                int hash = line.indexOf('#');
                String t = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (t.isEmpty()) {
                    continue;
                }
                out.add(page(t, file + " line " + lineNo));
                if (out.size() > MAX_REFS) {
                    throw new InputException(file + ": more than " + MAX_REFS + " references");
                }
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InputException(file + ": not UTF-8 text (expected one page number per line)");
        }
        if (out.isEmpty()) {
            throw new InputException(file + ": no page numbers (expected one per line)");
        }
        return out.toArray();
    }

    private static long page(String s, String where) {
        try {
            long v = org.memsim.spec.Values.parseLong(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InputException(where + ": '" + s + "' is not a page number (expected a whole number >= 0)");
        }
    }

    /** One output format, fed step by step. */
    private abstract static class Printer {
        final Writer w;

        Printer(Writer w) {
            this.w = w;
        }

        abstract void begin(String policy, int frames, int refs, ReferenceString.Result totals);

        abstract void row(long page, boolean hit, long evicted, long[] frames) throws IOException;

        abstract void end(ReferenceString.Result r) throws IOException;

        void step(long page, boolean hit, long evicted, long[] frames) {
            try {
                row(page, hit, evicted, frames);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Aligned columns, widths from the largest page number. */
    private static final class TextPrinter extends Printer {
        private final int refWidth;
        private final int pageWidth;
        private final int cellWidth;
        private long n;

        TextPrinter(Writer w, long[] pages, int frames) {
            super(w);
            long max = 0;
            for (long p : pages) {
                max = Math.max(max, p);
            }
            this.refWidth = Math.max(3, Long.toString(pages.length).length());
            this.pageWidth = Math.max(4, Long.toString(max).length());
            this.cellWidth = Long.toString(max).length();
        }

        @Override
        void begin(String policy, int frames, int refs, ReferenceString.Result totals) {
            try {
                w.write("policy " + policy + ", " + frames + " frame" + (frames == 1 ? "" : "s") + ", " + Numbers.count(refs)
                    + " reference" + (refs == 1 ? "" : "s") + "\n\n");
                w.write(String.format(Locale.ROOT, "%" + refWidth + "s  %" + pageWidth + "s  %-6s  %-" + Math.max(7, pageWidth) + "s  %s%n",
                    "#", "page", "result", "evicted", "frames"));
                w.write("-".repeat(refWidth) + "  " + "-".repeat(pageWidth) + "  ------  " + "-".repeat(Math.max(7, pageWidth)) + "  ------\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        void row(long page, boolean hit, long evicted, long[] frames) throws IOException {
            StringBuilder sb = new StringBuilder(64);
            String ref = Long.toString(++n);
            sb.append(" ".repeat(refWidth - ref.length())).append(ref).append("  ");
            String p = Long.toString(page);
            sb.append(" ".repeat(pageWidth - p.length())).append(p).append("  ");
            sb.append(hit ? "HIT     " : "MISS    ");
            String ev = evicted == ReferenceString.NONE ? "-" : Long.toString(evicted);
            sb.append(ev).append(" ".repeat(Math.max(7, pageWidth) - ev.length())).append("  ");
            for (int i = 0; i < frames.length; i++) {
                String f = frames[i] == ReferenceString.NONE ? "-" : Long.toString(frames[i]);
                sb.append(i > 0 ? " " : "").append(" ".repeat(cellWidth - f.length())).append(f);
            }
            w.write(sb.append('\n').toString());
        }

        @Override
        void end(ReferenceString.Result r) throws IOException {
            long total = r.hits() + r.misses();
            w.write("\n" + Numbers.count(total) + " references: " + Numbers.count(r.hits()) + " hits, " + Numbers.count(r.misses())
                + " misses (page faults), hit ratio " + Numbers.percent(r.hitRatio()) + "\n");
        }
    }

    /** {@code ref,page,result,evicted,frames} with frames space-separated and '-' for an empty frame. */
    private static final class CsvPrinter extends Printer {
        private long n;

        CsvPrinter(Writer w) {
            super(w);
        }

        @Override
        void begin(String policy, int frames, int refs, ReferenceString.Result totals) {
            try {
                w.write("ref,page,result,evicted,frames\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        void row(long page, boolean hit, long evicted, long[] frames) throws IOException {
            StringBuilder sb = new StringBuilder(48).append(++n).append(',').append(page).append(',').append(hit ? "HIT" : "MISS")
                .append(',').append(evicted == ReferenceString.NONE ? "-" : Long.toString(evicted)).append(',');
            for (int i = 0; i < frames.length; i++) {
                sb.append(i > 0 ? " " : "").append(frames[i] == ReferenceString.NONE ? "-" : Long.toString(frames[i]));
            }
            w.write(sb.append('\n').toString());
        }

        @Override
        void end(ReferenceString.Result r) {
        }
    }

    /** {@code {"policy","frames","hits","misses","accesses":[{"page","hit","evicted","frames":[…]}]}}, streamed. */
    private static final class JsonPrinter extends Printer {
        private boolean first = true;

        JsonPrinter(Writer w) {
            super(w);
        }

        @Override
        void begin(String policy, int frames, int refs, ReferenceString.Result totals) {
            try {
                StringBuilder sb = new StringBuilder("{\"policy\":");
                appendString(sb, policy);
                w.write(sb.append(",\"frames\":").append(frames).append(",\"hits\":").append(totals.hits()).append(",\"misses\":")
                    .append(totals.misses()).append(",\"accesses\":[").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        void row(long page, boolean hit, long evicted, long[] frames) throws IOException {
            StringBuilder sb = new StringBuilder(64);
            sb.append(first ? "" : ",").append("{\"page\":").append(page).append(",\"hit\":").append(hit).append(",\"evicted\":")
                .append(evicted == ReferenceString.NONE ? "null" : Long.toString(evicted)).append(",\"frames\":[");
            for (int i = 0; i < frames.length; i++) {
                sb.append(i > 0 ? "," : "").append(frames[i] == ReferenceString.NONE ? "null" : Long.toString(frames[i]));
            }
            w.write(sb.append("]}").toString());
            first = false;
        }

        @Override
        void end(ReferenceString.Result r) throws IOException {
            w.write("]}\n");
        }

        private static void appendString(StringBuilder sb, String s) {
            sb.append('"');
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c < 0x20 ? ' ' : c);
            }
            sb.append('"');
        }
    }
}
