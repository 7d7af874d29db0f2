package org.memsim.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.memsim.InputException;
import org.memsim.spec.Values;
import org.memsim.stack.StackSpec;

/**
 * Reads scenario files: {@code key: value} lines, {@code #} comments, repeatable {@code about} and
 * {@code expect} keys, and one repeatable key naming the stacks to compare: a layer ({@code allocator}
 * by default, or {@code kernel}, {@code vm}, {@code cost}, {@code tlb}, {@code policy}), or
 * {@code collector} for managed-heap stacks. Every mistake names the file and line.
 */
public final class ScenarioParser {
    private static final List<String> KEYS = List.of("title", "about", "workload", "seed", "allocator", "collector", "kernel", "vm",
        "cost", "tlb", "policy", "processes", "report", "chart", "narrate", "expect");
    /** Keys that name a layer's spec: repeating one of them compares stacks that differ in that layer. */
    private static final List<String> LAYERS = List.of("allocator", "kernel", "vm", "cost", "tlb", "policy");
    private static final List<String> OPS = List.of("<=", ">=", "==", "!=", "<", ">");

    private ScenarioParser() {}

    public static Scenario parse(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such scenario file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InputException(file + ": not UTF-8 text (expected a scenario file, docs/scenarios.md)");
        }
    }

    public static Scenario parse(String text, String source) {
        String title = null;
        StringBuilder about = new StringBuilder();
        String workload = null;
        long seed = 0;
        java.util.Map<String, List<String>> layers = new java.util.LinkedHashMap<>();
        for (String l : LAYERS) {
            layers.put(l, new ArrayList<>());
        }
        boolean processes = false;
        List<String> collectors = new ArrayList<>();
        int collectorLine = 0;
        List<String> report = new ArrayList<>();
        List<String> charts = new ArrayList<>();
        int narrate = 0;
        List<Expectation> expectations = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            int lineNo = n + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw error(source, lineNo, "expected 'key: value' with key one of " + String.join(", ", KEYS));
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (value.isEmpty()) {
                throw error(source, lineNo, "key '" + key + "' has no value");
            }
            switch (key) {
                case "title": title = value; break;
                case "about": about.append(about.length() > 0 ? " " : "").append(value); break;
                case "workload": workload = value; break;
                case "seed": seed = number(value, source, lineNo, "seed"); break;
                case "allocator": case "kernel": case "vm": case "cost": case "tlb": case "policy":
                    layers.get(key).add(value);
                    break;
                case "processes": processes = bool(value, source, lineNo); break;
                case "collector":
                    collectors.add(value);
                    collectorLine = lineNo;
                    break;
                case "report": report.addAll(list(value)); break;
                case "chart": charts.addAll(list(value)); break;
                case "narrate": narrate = (int) Math.min(100_000, Math.max(0, number(value, source, lineNo, "narrate"))); break;
                case "expect": expectations.add(expectation(value, source, lineNo)); break;
                default: throw error(source, lineNo, "unknown key '" + key + "'; valid: " + String.join(", ", KEYS));
            }
        }
        if (workload == null) {
            throw new InputException(source + ": no 'workload:' line (expected a trace path or gen:NAME[:k=v,...])");
        }
        String varied = null;
        for (String l : LAYERS) {
            if (layers.get(l).size() > 1) {
                if (varied != null) {
                    throw new InputException(source + ": both '" + varied + "' and '" + l + "' are repeated (expected at most one "
                        + "repeated layer key: the stacks compared differ in one layer)");
                }
                varied = l;
            }
        }
        if (!collectors.isEmpty()) {
            if (!layers.get("allocator").isEmpty()) {
                throw error(source, collectorLine, "a scenario compares allocators or collectors, not both (it has 'allocator:' lines)");
            }
            if (varied != null || processes) {
                throw error(source, collectorLine, "a collector scenario compares collectors only (no repeated '" + (varied == null
                    ? "processes" : varied) + "' and no 'processes: true')");
            }
            if (report.isEmpty()) {
                report.addAll(Scenario.DEFAULT_GC_REPORT);
            }
            return new Scenario(source, title == null ? source : title, about.toString(), workload, seed, List.of(),
                first(layers, "kernel", StackSpec.DEFAULT_KERNEL), first(layers, "vm", StackSpec.DEFAULT_VM),
                first(layers, "cost", StackSpec.DEFAULT_COST), List.copyOf(report), List.copyOf(charts), narrate,
                List.copyOf(expectations), List.copyOf(collectors), first(layers, "tlb", StackSpec.DEFAULT_TLB),
                first(layers, "policy", StackSpec.DEFAULT_POLICY), false, "collector", List.copyOf(collectors));
        }
        if (varied == null) {
            varied = processes ? "vm" : "allocator"; // a process replay's rows are machines, not allocators
        }
        if (layers.get(varied).isEmpty()) {
            layers.get(varied).add(varied.equals("vm") ? StackSpec.DEFAULT_VM : StackSpec.DEFAULT_ALLOCATOR);
        }
        List<String> allocators = layers.get("allocator");
        if (allocators.isEmpty()) {
            allocators.add(StackSpec.DEFAULT_ALLOCATOR);
        }
        if (report.isEmpty()) {
            report.addAll(Scenario.DEFAULT_REPORT);
        }
        return new Scenario(source, title == null ? source : title, about.toString(), workload, seed, List.copyOf(allocators),
            first(layers, "kernel", StackSpec.DEFAULT_KERNEL), first(layers, "vm", StackSpec.DEFAULT_VM),
            first(layers, "cost", StackSpec.DEFAULT_COST), List.copyOf(report), List.copyOf(charts), narrate, List.copyOf(expectations),
            List.of(), first(layers, "tlb", StackSpec.DEFAULT_TLB), first(layers, "policy", StackSpec.DEFAULT_POLICY), processes, varied,
            List.copyOf(varied.equals("allocator") ? allocators : layers.get(varied)));
    }

    private static String first(java.util.Map<String, List<String>> layers, String key, String dflt) {
        List<String> v = layers.get(key);
        return v.isEmpty() ? dflt : v.get(0);
    }

    private static boolean bool(String value, String source, int line) {
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true": case "yes": return true;
            case "false": case "no": return false;
            default: throw error(source, line, "'" + value + "' is not true or false");
        }
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static long number(String value, String source, int line, String what) {
        try {
            return Values.parseLong(value);
        } catch (NumberFormatException e) {
            throw error(source, line, what + " '" + value + "' is not a whole number");
        }
    }

    private static Expectation expectation(String value, String source, int line) {
        for (String op : OPS) {
            int i = value.indexOf(op);
            if (i > 0) {
                String metric = value.substring(0, i).strip();
                String rhs = value.substring(i + op.length()).strip();
                double v;
                try {
                    v = Double.parseDouble(rhs);
                } catch (NumberFormatException e) {
                    try {
                        v = Values.parseBytes(rhs);
                    } catch (NumberFormatException e2) {
                        throw error(source, line, "'" + rhs + "' is not a number (expected e.g. 0.5, 4096 or 256k)");
                    }
                }
                if (metric.isEmpty() || metric.contains(" ")) {
                    throw error(source, line, "expected 'METRIC OP VALUE', found '" + value + "'");
                }
                return new Expectation(metric, op, v, value, line);
            }
        }
        throw error(source, line, "expected 'METRIC OP VALUE' with OP one of " + String.join(" ", OPS));
    }

    private static InputException error(String source, int line, String what) {
        return new InputException(source + " line " + line + ": " + what);
    }
}
