package org.memsim.trace.din;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Content sniffing shared by the two din formats: every complete non-blank line must match. */
final class DinSniffing {
    private DinSniffing() {}

    /**
     * How many of the first complete lines of {@code head} match {@code line}, or -1 if a non-blank
     * line does not (the last line is ignored when the sniff window may have cut it).
     */
    static int matchingLines(byte[] head, int length, Pattern line) {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", -1);
        int complete = lines.length == 1 ? 1 : lines.length - 1;
        int good = 0;
        for (int i = 0; i < complete && i < 200; i++) {
            String l = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (l.isBlank()) {
                continue;
            }
            if (!line.matcher(l).matches()) {
                return -1;
            }
            good++;
        }
        return good;
    }
}
