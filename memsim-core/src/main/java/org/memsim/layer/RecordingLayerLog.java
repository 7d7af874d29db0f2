package org.memsim.layer;

import java.util.ArrayList;
import java.util.List;

/** A {@link LayerLog} that keeps the notes in order (bounded), for the tour and for tests. */
public final class RecordingLayerLog implements LayerLog {
    /** One step: which layer, what it did. */
    public record Note(Layer layer, String what) {}

    private final List<Note> notes = new ArrayList<>();
    private final int limit;
    private boolean on = true;

    public RecordingLayerLog(int limit) {
        this.limit = limit;
    }

    @Override
    public boolean enabled() {
        return on && notes.size() < limit;
    }

    /** Pauses or resumes recording. */
    public void setOn(boolean on) {
        this.on = on;
    }

    @Override
    public void note(Layer layer, String what) {
        if (notes.size() < limit) {
            notes.add(new Note(layer, what));
        }
    }

    public List<Note> notes() {
        return notes;
    }

    public void clear() {
        notes.clear();
    }
}
