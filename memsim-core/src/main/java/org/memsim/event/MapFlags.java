package org.memsim.event;

/** {@code mmap} flag bits with Linux x86-64 values, and their {@code private|anonymous} spelling. */
public final class MapFlags {
    public static final int SHARED = 0x01;
    public static final int PRIVATE = 0x02;
    public static final int FIXED = 0x10;
    public static final int ANONYMOUS = 0x20;
    public static final int NORESERVE = 0x4000;
    public static final int POPULATE = 0x8000;
    public static final int HUGETLB = 0x40000;

    private static final int[] BITS = {SHARED, PRIVATE, FIXED, ANONYMOUS, NORESERVE, POPULATE, HUGETLB};
    private static final String[] NAMES = {"shared", "private", "fixed", "anonymous", "noreserve", "populate", "hugetlb"};

    private MapFlags() {}

    /** {@code private|anonymous}; unknown bits are written as a hex number. */
    public static String format(int flags) {
        StringBuilder sb = new StringBuilder();
        int rest = flags;
        for (int i = 0; i < BITS.length; i++) {
            if ((flags & BITS[i]) != 0) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(NAMES[i]);
                rest &= ~BITS[i];
            }
        }
        if (rest != 0 || sb.length() == 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append("0x").append(Integer.toHexString(rest));
        }
        return sb.toString();
    }

    /** Parses {@code private|anonymous} (names or hex numbers joined by '|'); returns -1 if malformed. */
    public static int parse(String s) {
        int flags = 0;
        for (String part : s.split("\\|", -1)) {
            int bit = -1;
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i].equals(part) || (NAMES[i].equals("anonymous") && part.equals("anon"))) {
                    bit = BITS[i];
                }
            }
            if (bit < 0) {
                if (part.startsWith("0x") && part.length() > 2 && part.length() <= 10) {
                    try {
                        bit = (int) Long.parseLong(part.substring(2), 16);
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                } else {
                    return -1;
                }
            }
            flags |= bit;
        }
        return flags;
    }

    /** Names accepted by {@link #parse}. */
    public static String names() {
        return String.join(", ", NAMES);
    }
}
