package org.memsim.safety;

/**
 * The memory errors the checker reports, named as in its JSON output; each is one of memcheck's
 * error kinds (Invalid read/write, Invalid free, uninitialised value, leak) or AddressSanitizer's
 * reports (heap-use-after-free, heap-buffer-overflow, double-free, stack-overflow).
 */
public enum FindingKind {
    USE_AFTER_FREE("use-after-free"),
    DOUBLE_FREE("double-free"),
    INVALID_FREE("invalid-free"),
    HEAP_OVERFLOW("heap-overflow"),
    HEAP_UNDERFLOW("heap-underflow"),
    UNINITIALIZED_READ("uninitialized-read"),
    LEAK("leak"),
    STACK_OVERFLOW("stack-overflow");

    private final String json;

    FindingKind(String json) {
        this.json = json;
    }

    /** The name in JSON and in the summary table. */
    public String json() {
        return json;
    }
}
