package org.memsim.trace.addr;

import org.memsim.InputException;
import org.memsim.collections.LongLongHashMap;

/**
 * The writer side of {@link AddressIds}: which address each live block id has, so that writers of
 * address-based formats (Valgrind {@code --trace-malloc}, glibc {@code mtrace}, heaptrack) can print
 * {@code free(address)} and {@code realloc(old, …)} for id-based events.
 */
public final class AddressBook {
    private static final long NOT_LIVE = 0L;
    private static final long NO_ID = -1L;
    private static final long FIRST_UNUSED = 0xdead0000L;

    private final LongLongHashMap addressOfId = new LongLongHashMap(1024, NOT_LIVE);
    private final LongLongHashMap idOfAddress = new LongLongHashMap(1024, NO_ID);
    private final String format;
    private final String target;

    /** {@code format} and {@code target} name the output in messages. */
    public AddressBook(String format, String target) {
        this.format = format;
        this.target = target;
    }

    /** The address of live block {@code id}, or 0 when it is not live. */
    public long addressOf(long id) {
        return addressOfId.get(id);
    }

    /** {@code id} now lives at {@code address}; a block still recorded there is forgotten. */
    public void bind(long id, long address) {
        long old = addressOfId.put(id, address);
        if (old != NOT_LIVE && old != address) {
            idOfAddress.remove(old);
        }
        long other = idOfAddress.put(address, id);
        if (other != NO_ID && other != id) {
            addressOfId.remove(other);
        }
    }

    /** Forgets block {@code id}; returns its address, or 0 when it was not live. */
    public long unbind(long id) {
        long a = addressOfId.remove(id);
        if (a != NOT_LIVE) {
            idOfAddress.remove(a);
        }
        return a;
    }

    /**
     * An address no live block has, for a free of an id that is not live (an invalid free in the
     * source trace): reading it back yields a free of a fresh id, as the readers define.
     */
    public long unusedAddress() {
        long a = FIRST_UNUSED;
        while (idOfAddress.containsKey(a)) {
            a += 16;
        }
        return a;
    }

    /**
     * The error for an allocation event without an address: this format records addresses, an
     * id-based trace (malloc-lab, memsim's own) has none, and a NULL result cannot be told apart.
     */
    public InputException noAddress(String what, long id) {
        return new InputException(target + ": format " + format + " records the address every allocation returned, but "
            + what + " of block " + id + " has none (an id-based trace has no addresses, and a failed allocation cannot be"
            + " told from one); convert to mst or msb instead, which need no addresses");
    }
}
