package org.memsim.gc.model;

import java.util.List;
import org.memsim.spec.Param;
import org.memsim.spec.Registry;

/** Every object model by {@code --runtime} name, with its options ({@code hotspot:oops=wide,compact=true}). */
public final class ObjectModels {
    /** {@code --runtime NAME[:k=v,…]}. */
    public static final Registry<ObjectModel, Void> REGISTRY = new Registry<ObjectModel, Void>("runtime")
        .register("cpython", "CPython 3.11, 64-bit: PyObject headers, GC headers, 30-bit int digits, list over-allocation", List.of(),
            (p, c) -> new CPythonModel())
        .register("hotspot", "HotSpot JDK 17 layout: 12-byte headers with compressed class pointers, 8-byte alignment", List.of(
                Param.of("oops", "true", "compressed oops: 4-byte references (-XX:+UseCompressedOops)"),
                Param.of("klass", "true", "compressed class pointers: 12-byte headers (-XX:+UseCompressedClassPointers)"),
                Param.of("compact", "false", "compact object headers, 8 bytes (JEP 450, -XX:+UseCompactObjectHeaders)"),
                Param.of("align", "8", "object alignment (-XX:ObjectAlignmentInBytes)")),
            (p, c) -> new HotSpotModel(p.bool("oops"), p.bool("klass"), p.bool("compact"), p.number("align")))
        .register("go", "Go 1.21: no header, 67 size classes, 8 KiB pages for large objects", List.of(), (p, c) -> new GoModel())
        .register("c", "C: no header, unboxed values, glibc malloc chunks", List.of(), (p, c) -> new NativeModel(false))
        .register("rust", "Rust: no header, unboxed values, Vec/String headers, glibc malloc chunks", List.of(), (p, c) -> new NativeModel(true))
        .register("numpy", "NumPy ndarray: one 112-byte object and contiguous data", List.of(), (p, c) -> new NumpyModel());

    private ObjectModels() {}
}
