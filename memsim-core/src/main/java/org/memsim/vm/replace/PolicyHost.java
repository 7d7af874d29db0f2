package org.memsim.vm.replace;

/**
 * What a replacement policy may ask of the memory it manages: the current time on the reference
 * clock, which page a frame holds, and — for OPT only — the future reference string.
 */
public interface PolicyHost {
    /** Position of the reference being served (an event index, or a reference-string index). */
    long now();

    /** Identity of the page in {@code frame}, as {@link FutureReferences} keys it. */
    long pageKey(long frame);

    /** The future reference string, or null when none was scanned ahead. */
    FutureReferences future();
}
