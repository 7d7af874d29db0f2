package org.memsim.cli.check;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One program of the memory-error corpus ({@code corpus/*.c} beside this class) and what its header
 * comment says a checker must find.
 *
 * <pre>
 *  * expect: heap-overflow write size=4 block=44 offset=44     what memcheck reports (one line per finding)
 *  * expect: leak indirect block=16 count=2                    count=N: N findings alike
 *  * expect: clean                                             nothing at all
 *  * expect-memsim: uninitialized-read read size=4 block=16 offset=8
 * </pre>
 *
 * {@code expect-memsim:} lines, when present, replace the {@code expect:} lines for memsim, and say
 * why in the comment: they encode a difference inherent to how the two tools see the program
 * ({@code differs} is then true).
 */
record CorpusProgram(String name, Path source, List<Finding> memcheck, List<Finding> memsim, boolean differs) {

    private static final Pattern LINE = Pattern.compile("^\\s*(?:/\\*|\\*)?\\s*(expect|expect-memsim):\\s*(.*?)\\s*(\\*/)?\\s*$");

    @Override
    public String toString() {
        return name;
    }

    /** Every program of the corpus, by name. */
    static List<CorpusProgram> all() throws IOException {
        URL url = CorpusProgram.class.getResource("corpus");
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IOException("the corpus is not a directory on the test class path: " + url);
        }
        Path dir;
        try {
            dir = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<CorpusProgram> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".c")).sorted().toList()) {
                out.add(parse(p));
            }
        }
        return out;
    }

    /** Reads a program's header. */
    static CorpusProgram parse(Path source) throws IOException {
        String name = source.getFileName().toString().replaceFirst("\\.c$", "");
        return parse(name, source, Files.readString(source));
    }

    static CorpusProgram parse(String name, Path source, String text) {
        List<Finding> memcheck = new ArrayList<>();
        List<Finding> memsim = new ArrayList<>();
        boolean clean = false;
        boolean memsimClean = false;
        boolean anyMemsim = false;
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            boolean forMemsim = m.group(1).equals("expect-memsim");
            String spec = m.group(2);
            anyMemsim |= forMemsim;
            if (spec.equals("clean")) {
                if (forMemsim) {
                    memsimClean = true;
                } else {
                    clean = true;
                }
                continue;
            }
            (forMemsim ? memsim : memcheck).addAll(parseSpec(name, spec));
        }
        if (!clean && memcheck.isEmpty()) {
            throw new IllegalArgumentException(name + ": no 'expect:' line in the header");
        }
        if (clean && !memcheck.isEmpty() || memsimClean && !memsim.isEmpty()) {
            throw new IllegalArgumentException(name + ": 'clean' together with findings");
        }
        return new CorpusProgram(name, source, List.copyOf(memcheck), anyMemsim ? List.copyOf(memsim) : List.copyOf(memcheck), anyMemsim);
    }

    /** One {@code expect:} line: {@code KIND [DETAIL] [size=N] [block=N|none] [offset=±N] [count=N]}. */
    static List<Finding> parseSpec(String program, String spec) {
        String[] words = spec.trim().split("\\s+");
        String kind = words[0];
        String detail = null;
        Long size = null;
        Long block = null;
        Long offset = null;
        boolean nonHeap = false;
        int count = 1;
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            int eq = w.indexOf('=');
            if (eq < 0) {
                if (i != 1) {
                    throw new IllegalArgumentException(program + ": the detail must follow the kind: " + spec);
                }
                detail = w;
                continue;
            }
            String key = w.substring(0, eq);
            String value = w.substring(eq + 1);
            switch (key) {
                case "size" -> size = Long.parseLong(value);
                case "block" -> {
                    if (value.equals("none")) {
                        nonHeap = true;
                    } else {
                        block = Long.parseLong(value);
                    }
                }
                case "offset" -> offset = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
                case "count" -> count = Integer.parseInt(value);
                default -> throw new IllegalArgumentException(program + ": unknown key " + key + " in: " + spec);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Finding(kind, detail, size, block, offset, nonHeap));
        }
        return out;
    }
}
