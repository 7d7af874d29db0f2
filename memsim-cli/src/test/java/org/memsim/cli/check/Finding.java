package org.memsim.cli.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One memory error in memsim's vocabulary, as stated by a corpus header or as reported by a checker.
 *
 * <p>{@code kind} is a memsim kind ({@code heap-overflow}, {@code use-after-free}, …, {@code leak}).
 * {@code detail} says which access or call: {@code read}/{@code write} for accesses, {@code free}/{@code realloc}
 * for frees, {@code definite}/{@code indirect}/{@code possible}/{@code reachable} for leaks,
 * {@code condition}/{@code value}/{@code read} for uninitialised data. {@code size} is the access size,
 * {@code block} the size of the block the address belongs to, {@code offset} the address minus the
 * block's start (so 44 is "0 bytes after a block of size 44", −1 is "1 bytes before"). A null field is
 * not stated (an expectation does not constrain it; a report did not give it). {@code nonHeap} marks
 * an address in no heap block at all (a global, the stack).
 */
record Finding(String kind, String detail, Long size, Long block, Long offset, boolean nonHeap) {

    Finding {
        Objects.requireNonNull(kind, "kind");
    }

    /** Whether {@code actual} is what this expectation states: same kind, and every stated field equal. */
    boolean admits(Finding actual) {
        return kind.equals(actual.kind)
            && (detail == null || detail.equals(actual.detail))
            && (size == null || size.equals(actual.size))
            && (block == null || block.equals(actual.block))
            && (offset == null || offset.equals(actual.offset))
            && nonHeap == actual.nonHeap;
    }

    /**
     * Pairs expectations with findings one to one (first fit in order, which is exact here because the
     * corpus never states two overlapping expectations for one program).
     */
    static Comparison compare(List<Finding> expected, List<Finding> actual) {
        List<Finding> unmatched = new ArrayList<>(actual);
        List<Finding> missing = new ArrayList<>();
        List<Finding> matched = new ArrayList<>();
        for (Finding e : expected) {
            Finding hit = null;
            for (Finding a : unmatched) {
                if (e.admits(a)) {
                    hit = a;
                    break;
                }
            }
            if (hit == null) {
                missing.add(e);
            } else {
                unmatched.remove(hit);
                matched.add(e);
            }
        }
        return new Comparison(matched, missing, unmatched);
    }

    /** The outcome of {@link #compare}: expectations met, expectations not met, findings nobody expected. */
    record Comparison(List<Finding> matched, List<Finding> missing, List<Finding> unexpected) {
        boolean agrees() {
            return missing.isEmpty() && unexpected.isEmpty();
        }

        String describe() {
            return "matched " + matched + "\nmissing " + missing + "\nunexpected " + unexpected;
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind);
        if (detail != null) {
            sb.append(' ').append(detail);
        }
        if (size != null) {
            sb.append(" size=").append(size);
        }
        if (nonHeap) {
            sb.append(" block=none");
        } else if (block != null) {
            sb.append(" block=").append(block);
        }
        if (offset != null) {
            sb.append(" offset=").append(offset);
        }
        return sb.toString();
    }
}
