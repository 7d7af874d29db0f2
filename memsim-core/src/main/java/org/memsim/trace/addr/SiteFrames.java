package org.memsim.trace.addr;

import java.util.ArrayList;
import java.util.List;
import org.memsim.collections.LongLongHashMap;

/**
 * The writer side of call sites: remembers the frames text of each {@link
 * org.memsim.event.EventSink#defineSite defined} site (innermost frame first, {@code ;}-separated)
 * so that writers can render a site when an event uses it.
 */
public final class SiteFrames {
    private final LongLongHashMap index = new LongLongHashMap(-1);
    private final List<String> frames = new ArrayList<>();

    /** Records (or replaces) the frames of {@code site}. */
    public void define(int site, String text) {
        long i = index.get(site);
        if (i < 0) {
            index.put(site, frames.size());
            frames.add(text);
        } else {
            frames.set((int) i, text);
        }
    }

    /** The frames of {@code site}, or null when it was never defined (or is 0). */
    public String frames(int site) {
        long i = index.get(site);
        return i < 0 ? null : frames.get((int) i);
    }

    /** The innermost frame of a frames text. */
    public static String innermost(String frames) {
        int semi = frames.indexOf(';');
        return (semi < 0 ? frames : frames.substring(0, semi)).strip();
    }

    /** Whether {@code frame} is a hex instruction pointer {@code 0x…} (what readers write when there are no symbols). */
    public static boolean isHexIp(String frame) {
        if (frame.length() < 3 || frame.length() > 18 || frame.charAt(0) != '0' || frame.charAt(1) != 'x') {
            return false;
        }
        for (int i = 2; i < frame.length(); i++) {
            char c = Character.toLowerCase(frame.charAt(i));
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
