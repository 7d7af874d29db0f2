package org.memsim.event;

/** {@code madvise} advice numbers as Linux {@code <asm-generic/mman-common.h>} defines them. */
public final class Advice {
    public static final int NORMAL = 0;
    public static final int RANDOM = 1;
    public static final int SEQUENTIAL = 2;
    public static final int WILLNEED = 3;
    public static final int DONTNEED = 4;
    public static final int FREE = 8;
    public static final int HUGEPAGE = 14;
    public static final int NOHUGEPAGE = 15;

    private static final int[] NUMBERS = {NORMAL, RANDOM, SEQUENTIAL, WILLNEED, DONTNEED, FREE, HUGEPAGE, NOHUGEPAGE};
    private static final String[] NAMES = {"normal", "random", "sequential", "willneed", "dontneed", "free", "hugepage", "nohugepage"};

    private Advice() {}

    /** The lower-case name without {@code MADV_}, or the number when it has no name here. */
    public static String format(int advice) {
        for (int i = 0; i < NUMBERS.length; i++) {
            if (NUMBERS[i] == advice) {
                return NAMES[i];
            }
        }
        return Integer.toString(advice);
    }

    /** Parses a name or a decimal number; returns -1 if malformed. */
    public static int parse(String s) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(s)) {
                return NUMBERS[i];
            }
        }
        if (!s.isEmpty() && s.length() <= 4 && s.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(s);
        }
        return -1;
    }

    /** Names accepted by {@link #parse}. */
    public static String names() {
        return String.join(", ", NAMES);
    }
}
