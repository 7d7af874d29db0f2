package org.memsim.vm;

/** What a virtual memory area holds, as {@code /proc/PID/maps} would name it. */
public enum VmaKind {
    TEXT("text"), DATA("data"), BSS("bss"), HEAP("[heap]"), STACK("[stack]"), ANON("anon"), FILE("file"),
    /** Created on first touch for traces that carry no layout (Lackey, din): see the kernel's {@code unmapped=map}. */
    IMPLICIT("implicit");

    private final String label;

    VmaKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
