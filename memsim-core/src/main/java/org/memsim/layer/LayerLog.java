package org.memsim.layer;

/**
 * A narration of what each layer did, for showing one event's path down the stack ("malloc(100):
 * first fit found nothing → brk +132 KiB → store header → page fault → frame 7 zero-filled").
 * Off by default: layers check {@link #enabled()} before building any text, so the hot path pays
 * one predictable branch.
 */
public interface LayerLog {
    /** A log that records nothing. */
    LayerLog OFF = new LayerLog() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void note(Layer layer, String what) {}
    };

    boolean enabled();

    /** Records one step taken by {@code layer}. */
    void note(Layer layer, String what);
}
