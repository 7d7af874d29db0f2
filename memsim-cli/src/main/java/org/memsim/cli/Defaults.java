package org.memsim.cli;

/** Every default of the command line in one place; help texts print them. */
public final class Defaults {
    /** Seed for generators when none is given. */
    public static final long SEED = 0;
    /** Where {@code tour} and {@code run --html} write their report. */
    public static final String REPORT_DIR = "memsim-report";
    /** Allocator replayed when none is given. */
    public static final String ALLOCATOR = org.memsim.stack.StackSpec.DEFAULT_ALLOCATOR;
    public static final String KERNEL = org.memsim.stack.StackSpec.DEFAULT_KERNEL;
    public static final String VM = org.memsim.stack.StackSpec.DEFAULT_VM;
    public static final String COST = org.memsim.stack.StackSpec.DEFAULT_COST;

    /** {@code check}: allocator placing blocks of traces without recorded addresses (glibc's). */
    public static final String CHECK_ALLOCATOR = org.memsim.safety.CheckOptions.DEFAULT_ALLOCATOR;
    /** {@code check}: red-zone bytes on each side of a block (memcheck's). */
    public static final String CHECK_REDZONE = "" + org.memsim.safety.CheckOptions.DEFAULT_REDZONE;
    /** {@code check}: freed bytes kept poisoned (memcheck's --freelist-vol). */
    public static final String CHECK_QUARANTINE = "" + org.memsim.safety.CheckOptions.DEFAULT_QUARANTINE;
    /** {@code check}: distinct findings recorded before the rest are only counted. */
    public static final String CHECK_MAX_FINDINGS = "" + org.memsim.safety.CheckOptions.DEFAULT_MAX_FINDINGS;

    private Defaults() {}
}
