package org.memsim.cli.tour;

import java.io.IOException;
import java.util.List;
import org.memsim.cli.output.Numbers;
import org.memsim.cli.output.Table;
import org.memsim.gc.model.ObjectModel;
import org.memsim.gc.model.ObjectModels;
import org.memsim.gc.model.SizeSpec;

/** The per-object tax of dynamic runtimes: ten million integers in CPython, NumPy, the JVM, Go and C. */
final class PyObjectTaxChapter implements Chapter {
    @Override
    public String id() {
        return "pyobject-tax";
    }

    @Override
    public String title() {
        return "The PyObject tax";
    }

    static long size(String runtime, String spec) {
        ObjectModel m = ObjectModels.REGISTRY.create(runtime, null);
        return m.sizeOf(SizeSpec.parse(spec));
    }

    @Override
    public ChapterResult run() throws IOException {
        long n = 10_000_000;
        long python = size("cpython", "list-of-int:" + n);
        long pointers = size("cpython", "list:" + n);
        long numpy = size("numpy", "array:int64:" + n);
        long jvm = size("hotspot", "list-of-int:" + n);
        long jvmArray = size("hotspot", "array:int64:" + n);
        long go = size("go", "list-of-int:" + n);
        long c = size("c", "array:int64:" + n);
        Table t = new Table("runtime", "10 million integers as", "bytes", "per integer");
        t.row("cpython", "list of int objects", Numbers.bytes(python), String.format(java.util.Locale.ROOT, "%.1f", python / (double) n));
        t.row("numpy", "int64 array", Numbers.bytes(numpy), String.format(java.util.Locale.ROOT, "%.1f", numpy / (double) n));
        t.row("hotspot", "ArrayList<Integer>", Numbers.bytes(jvm), String.format(java.util.Locale.ROOT, "%.1f", jvm / (double) n));
        t.row("hotspot", "long[]", Numbers.bytes(jvmArray), String.format(java.util.Locale.ROOT, "%.1f", jvmArray / (double) n));
        t.row("go", "[]int", Numbers.bytes(go), String.format(java.util.Locale.ROOT, "%.1f", go / (double) n));
        t.row("c", "int64_t array (malloc)", Numbers.bytes(c), String.format(java.util.Locale.ROOT, "%.1f", c / (double) n));
        Table one = new Table("value", "cpython", "hotspot", "hotspot compact headers", "go", "c");
        for (String spec : List.of("int:42", "float", "str:5", "object", "instance-slots:2")) {
            one.row(spec, Numbers.count(size("cpython", spec)), Numbers.count(size("hotspot", spec)),
                Numbers.count(size("hotspot:compact=true", spec)), Numbers.count(size("go", spec)),
                spec.equals("object") ? "—" : Numbers.count(size("c", spec)));
        }
        List<String> findings = List.of(
            "Ten million distinct integers as a CPython list take " + Numbers.bytes(python) + ": "
                + Numbers.bytes(python - pointers) + " of int objects (28 bytes each: refcount 8, type pointer 8, size 8, one "
                + "30-bit digit 4) plus " + Numbers.bytes(pointers) + " for the list's pointer array.",
            "The same numbers as a NumPy int64 array take " + Numbers.bytes(numpy) + " — " + GcRuns.ratio(python, numpy)
                + "× less, contiguous, one 112-byte header for all of them.",
            "The JVM pays a similar tax when it boxes: ArrayList<Integer> takes " + Numbers.bytes(jvm) + " (16-byte Integers and "
                + "4-byte compressed references); a long[] takes " + Numbers.bytes(jvmArray) + ". Go and C keep ints unboxed: "
                + Numbers.bytes(go) + " and " + Numbers.bytes(c) + ".",
            "The CPython sizes are sys.getsizeof of CPython 3.11 and are checked against the real python3 on this machine by the "
                + "build; the HotSpot sizes are checked against JOL on the running JVM.");
        return new ChapterResult(id(), title(), List.of(
            "The seed: \"Every Python value … is a PyObject on the heap. … 10M × 28 bytes = 280 MB, plus the list object itself. "
                + "A NumPy array of 10M int64 values uses exactly 80 MB.\"",
            "memsim's object models give the bytes each runtime spends: `memsim sizeof --runtime cpython list-of-int:10000000`."),
            List.of(), findings, List.of(), List.of(new ChapterResult.ChapterTable("Ten million integers", t),
                new ChapterResult.ChapterTable("One value, five runtimes (bytes)", one)));
    }
}
