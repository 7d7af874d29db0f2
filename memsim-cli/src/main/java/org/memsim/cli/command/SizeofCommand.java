package org.memsim.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.memsim.cli.output.Json;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.Table;
import org.memsim.gc.model.ObjectModel;
import org.memsim.gc.model.ObjectModels;
import org.memsim.gc.model.SizeSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memsim sizeof}: bytes of values under a runtime's object model (the PyObject tax, JVM headers, Go size classes). */
@Command(name = "sizeof", mixinStandardHelpOptions = true,
    description = "Bytes a runtime spends on values: cpython (sys.getsizeof of CPython 3.11), hotspot (JOL), go, c, rust, numpy. "
        + "SPEC: int:VALUE, float, str:LENGTH, list:N, list-appended:N, tuple:N, dict, set, object, instance, instance-slots:N, "
        + "list-of-int:N, array:DTYPE:N, class:FIELDS (hotspot; JVM descriptor letters).")
public final class SizeofCommand implements Callable<Integer> {
    @Option(names = "--runtime", paramLabel = "RUNTIME", required = true,
        description = "Object model with options, e.g. cpython, hotspot:compact=true, go (see `memsim list runtimes`).")
    String runtime;

    @Option(names = "--json", description = "Print {\"runtime\":R,\"sizes\":[{\"spec\":SPEC,\"bytes\":B}]}.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "Values to size.")
    List<String> specs = new ArrayList<>();

    @Override
    public Integer call() {
        ObjectModel model = ObjectModels.REGISTRY.create(runtime, null);
        List<long[]> sizes = new ArrayList<>();
        for (String s : specs) {
            sizes.add(new long[] {model.sizeOf(SizeSpec.parse(s))});
        }
        if (json) {
            Json j = new Json().beginObject().field("runtime", runtime).key("sizes").beginArray();
            for (int i = 0; i < specs.size(); i++) {
                j.beginObject().field("spec", specs.get(i)).field("bytes", sizes.get(i)[0]).endObject();
            }
            System.out.println(j.endArray().endObject());
            return 0;
        }
        Table t = new Table("spec", "bytes", "");
        for (int i = 0; i < specs.size(); i++) {
            long b = sizes.get(i)[0];
            t.row(specs.get(i), Numbers.count(b), b >= 10_000 ? Numbers.bytes(b) : "");
        }
        System.out.println("runtime " + runtime);
        System.out.print(t.toText());
        return 0;
    }
}
