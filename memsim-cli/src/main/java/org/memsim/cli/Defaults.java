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

    private Defaults() {}
}
