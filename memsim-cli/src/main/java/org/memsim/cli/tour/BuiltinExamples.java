package org.memsim.cli.tour;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.memsim.event.EventSink;
import org.memsim.scenario.Scenario;
import org.memsim.scenario.ScenarioParser;
import org.memsim.scenario.ScenarioRunner;
import org.memsim.trace.EventSource;
import org.memsim.trace.OpenTrace;
import org.memsim.trace.Traces;
import org.memsim.trace.gen.GeneratorSource;

/**
 * The files of {@code examples/} as shipped inside the jar, so the tour runs from any directory: the
 * same scenarios a user can copy from the source tree and change.
 */
final class BuiltinExamples {
    private static final String DIR = "examples/";

    private BuiltinExamples() {}

    static Scenario scenario(String name) throws IOException {
        return ScenarioParser.parse(read(name), DIR + name);
    }

    private static String read(String name) throws IOException {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = BuiltinExamples.class.getClassLoader().getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IOException("built-in example " + DIR + name + " is missing from the jar");
        }
        return in;
    }

    /** Runs a built-in scenario (a second copy of its workload serves policies that read ahead). */
    static org.memsim.scenario.ScenarioResult run(Scenario sc) throws IOException {
        return ScenarioRunner.run(sc, source(sc), () -> source(sc));
    }

    /** The workload of a built-in scenario: a generator, or a trace shipped next to it. */
    static EventSource source(Scenario sc) {
        if (GeneratorSource.isGenerator(sc.workload())) {
            return ScenarioRunner.source(sc.workload(), sc.seed(), null);
        }
        return trace(sc.workload());
    }

    /** A trace shipped in {@code examples/} (any format memsim reads). */
    static EventSource trace(String name) {
        return new EventSource() {
            private OpenTrace trace;

            @Override
            public long replay(EventSink sink) throws IOException {
                try (OpenTrace t = Traces.open(open(name), DIR + name, -1, null)) {
                    trace = t;
                    return t.reader().replay(sink);
                }
            }

            @Override
            public String name() {
                return DIR + name;
            }

            @Override
            public String position(long eventIndex) {
                return trace == null ? "start" : trace.reader().position();
            }

            @Override
            public double progress() {
                return -1;
            }
        };
    }
}
