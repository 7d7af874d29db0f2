package org.memsim.safety;

import org.memsim.stack.StackSpec;

/**
 * How the checker works: red-zone bytes on each side of a block (memcheck's default 16), the
 * quarantine volume of freed bytes kept poisoned (memcheck's {@code --freelist-vol}), the cap on
 * distinct findings, and the stack whose allocator places blocks when the trace recorded no
 * addresses — or always, when {@code allocatorGiven} ({@code --allocator} on the command line).
 */
public record CheckOptions(long redzone, long quarantine, int maxFindings, StackSpec stack, boolean allocatorGiven) {
    /** memcheck's default red zone for heap blocks ({@code --redzone-size}). */
    public static final long DEFAULT_REDZONE = 16;
    /** memcheck's default {@code --freelist-vol}. */
    public static final long DEFAULT_QUARANTINE = Quarantine.DEFAULT_BYTES;
    /** memcheck's error cap ({@code --error-limit}: 10,000,000 errors in total, 1,000 different ones shown). */
    public static final int DEFAULT_MAX_FINDINGS = 1000;
    /** The allocator that places blocks by default: glibc's. */
    public static final String DEFAULT_ALLOCATOR = "ptmalloc";

    public CheckOptions {
        if (redzone < 0 || quarantine < 0 || maxFindings < 0) {
            throw new org.memsim.InputException("--redzone, --quarantine and --max-findings must be >= 0");
        }
    }

    /** The defaults, with blocks placed by {@code ptmalloc} when the trace has no addresses. */
    public static CheckOptions defaults() {
        return new CheckOptions(DEFAULT_REDZONE, DEFAULT_QUARANTINE, DEFAULT_MAX_FINDINGS,
            StackSpec.defaults().withAllocator(DEFAULT_ALLOCATOR), false);
    }

    public CheckOptions withAllocator(String spec) {
        return new CheckOptions(redzone, quarantine, maxFindings, stack.withAllocator(spec), true);
    }

    public CheckOptions withQuarantine(long bytes) {
        return new CheckOptions(redzone, bytes, maxFindings, stack, allocatorGiven);
    }

    public CheckOptions withRedzone(long bytes) {
        return new CheckOptions(bytes, quarantine, maxFindings, stack, allocatorGiven);
    }

    public CheckOptions withMaxFindings(int n) {
        return new CheckOptions(redzone, quarantine, n, stack, allocatorGiven);
    }
}
