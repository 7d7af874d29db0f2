package org.memsim.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.memsim.cli.AtomicFile;
import org.memsim.cli.Defaults;
import org.memsim.spec.Spec;
import org.memsim.trace.TraceFormat;
import org.memsim.trace.TraceWriter;
import org.memsim.trace.Traces;
import org.memsim.trace.gen.GeneratorSource;
import org.memsim.trace.gen.Generators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memsim generate}: a seeded synthetic trace into a file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a seeded synthetic trace. Generators and their parameters: `memsim list generators`.")
public final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "Generator name, optionally with settings: NAME[:k=v,...].")
    String name;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "A generator parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "" + Defaults.SEED, description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
        description = "Output file; its extension picks the format (.mst, .msb, .msb.zst, ...). '-' writes memsim text to standard output.")
    Path output;

    @Option(names = "--to", paramLabel = "FORMAT", description = "Output format instead of the extension.")
    String to;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Spec spec = Spec.parse(name);
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (spec.settings().containsKey(e.getKey())) {
                throw new org.memsim.spec.SpecException("parameter '" + e.getKey() + "' given twice");
            }
            spec = spec.with(e.getKey(), e.getValue());
        }
        GeneratorSource source = new GeneratorSource(spec, seed);
        if (output.toString().equals("-")) {
            TraceFormat f = Traces.outputFormat("out.mst", to);
            TraceWriter w = Traces.writer(f, new java.io.FilterOutputStream(System.out) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            }, "-");
            source.replay(w);
            w.close();
            return 0;
        }
        TraceFormat f = Traces.outputFormat(output.toString(), to);
        try (AtomicFile file = AtomicFile.create(output, force)) {
            TraceWriter w = Traces.writer(f, file.stream(), output.toString());
            org.memsim.event.KindCounter counted = new org.memsim.event.KindCounter();
            source.replay(org.memsim.event.TeeSink.of(w, counted));
            long n = counted.total();
            w.close();
            file.commit();
            System.out.println("wrote " + n + " events of " + GeneratorSource.PREFIX + spec + " (seed " + seed + ") to " + output + " (" + f.name() + ")");
        }
        return 0;
    }

    /** Generator names, for help. */
    static String names() {
        return String.join(", ", Generators.REGISTRY.entries().stream().map(e -> e.name()).toList());
    }
}
