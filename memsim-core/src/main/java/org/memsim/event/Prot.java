package org.memsim.event;

/** Page protection bits as Linux {@code <sys/mman.h>} defines them, and their {@code rwx} spelling. */
public final class Prot {
    public static final int NONE = 0;
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int EXEC = 4;
    public static final int RW = READ | WRITE;

    private Prot() {}

    /** {@code rw-}, {@code r-x}, {@code ---}: the {@code /proc/PID/maps} spelling. */
    public static String format(int prot) {
        return new String(new char[] {
            (prot & READ) != 0 ? 'r' : '-',
            (prot & WRITE) != 0 ? 'w' : '-',
            (prot & EXEC) != 0 ? 'x' : '-'});
    }

    /** Parses the {@code rwx} spelling (any order, '-' ignored); returns -1 if malformed. */
    public static int parse(CharSequence s) {
        if (s.length() == 0 || s.length() > 3) {
            return -1;
        }
        int prot = 0;
        for (int i = 0; i < s.length(); i++) {
            switch (s.charAt(i)) {
                case 'r': prot |= READ; break;
                case 'w': prot |= WRITE; break;
                case 'x': prot |= EXEC; break;
                case '-': break;
                default: return -1;
            }
        }
        return prot;
    }
}
