package org.memsim.safety;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.memsim.trace.OpenTrace;
import org.memsim.trace.Traces;
import org.memsim.trace.gen.GeneratorSource;

/** Runs the checker over traces for tests: .mst text, a resource under this package, or a generator. */
final class Checks {
    private Checks() {}

    static CheckResult text(String mst, CheckOptions options) {
        return run(new ByteArrayInputStream(mst.getBytes(StandardCharsets.UTF_8)), "test.mst", options);
    }

    static CheckResult text(String mst) {
        return text(mst, CheckOptions.defaults());
    }

    static CheckResult resource(String name, CheckOptions options) {
        InputStream in = Checks.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return run(in, name, options);
    }

    static CheckResult generator(String spec, long seed, CheckOptions options) {
        Checker c = new Checker(options);
        GeneratorSource.parse(spec, seed).replay(c);
        c.end();
        return c.result();
    }

    private static CheckResult run(InputStream in, String name, CheckOptions options) {
        Checker c = new Checker(options);
        try (OpenTrace t = Traces.open(in, name, -1, null)) {
            t.reader().replay(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        c.end();
        return c.result();
    }

    /** The findings of one kind. */
    static List<Finding> of(CheckResult r, FindingKind kind) {
        return r.findings().stream().filter(f -> f.kind() == kind).toList();
    }
}
