package org.memsim.gc.model;

import java.util.List;

/**
 * NumPy's ndarray as {@code sys.getsizeof} reports it for an array that owns its data: the
 * {@code PyArrayObject_fields} struct (112 bytes in NumPy 1.24 on 64-bit: PyObject head, data,
 * nd, dimensions, strides, base, descr, flags, weakreflist, _buffer_info, mem_handler, plus the
 * dimension and stride arrays are separate) plus {@code nbytes} of contiguous data — no per-element
 * header. Python scalars ({@code int}, {@code float}, …) are sized as CPython sizes them.
 */
public final class NumpyModel implements ObjectModel {
    /** {@code sys.getsizeof(np.empty(0))}. */
    public static final long ARRAY_OBJECT = 112;
    private final CPythonModel python = new CPythonModel();

    @Override
    public String name() {
        return "numpy";
    }

    @Override
    public List<String> kinds() {
        return List.of("array:DTYPE:N", "list-of-int:N (np.arange(N))", "and CPython's kinds for plain values");
    }

    @Override
    public long sizeOf(SizeSpec s) {
        switch (s.kind()) {
            case "array": return ARRAY_OBJECT + SizeSpec.itemSize(s) * s.count();
            case "list-of-int": return ARRAY_OBJECT + 8 * s.count();
            default: return python.sizeOf(s);
        }
    }
}
