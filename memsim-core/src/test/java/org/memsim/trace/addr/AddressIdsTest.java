package org.memsim.trace.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.memsim.event.EventSink;

class AddressIdsTest {
    @Test
    void allocationsTakeConsecutiveIdsAndFreesFindThem() {
        AddressIds ids = new AddressIds();
        assertEquals(0, ids.allocate(0x1000));
        assertEquals(1, ids.allocate(0));          // a failed allocation consumes an id
        assertEquals(2, ids.allocate(0x2000));
        assertEquals(0, ids.free(0x1000));
        assertEquals(EventSink.NULL_ID, ids.free(0));
        assertEquals(3, ids.free(0x1000));         // no longer live: a fresh id
        assertEquals(4, ids.allocate(0x1000));
        assertEquals(AddressIds.NONE, ids.displaced());
    }

    @Test
    void reallocMovesTheIdAndNullResultsFollowGlibc() {
        AddressIds ids = new AddressIds();
        long a = ids.allocate(0x1000);
        assertEquals(a, ids.reallocate(0x1000, 0x2000, 64));
        assertEquals(a, ids.idAt(0x2000));
        assertEquals(AddressIds.NONE, ids.idAt(0x1000));
        assertEquals(a, ids.reallocate(0x2000, 0, 1 << 20));   // failure: stays live
        assertEquals(a, ids.idAt(0x2000));
        assertEquals(a, ids.reallocate(0x2000, 0, 0));         // realloc(p, 0) = NULL: freed
        assertEquals(AddressIds.NONE, ids.idAt(0x2000));
        long fresh = ids.reallocate(0, 0x3000, 8);             // realloc(NULL, n) acts as malloc
        assertEquals(a + 1, fresh);
        assertEquals(fresh, ids.idAt(0x3000));
    }

    @Test
    void anAllocationOverALiveAddressReportsTheDisplacedBlock() {
        AddressIds ids = new AddressIds();
        long a = ids.allocate(0x1000);
        long b = ids.allocate(0x1000);
        assertEquals(a, ids.displaced());
        assertEquals(b, ids.idAt(0x1000));
        ids.allocate(0x5000);
        assertEquals(AddressIds.NONE, ids.displaced());
    }

    @Test
    void processesHaveTheirOwnAddressesButShareIds() {
        AddressIds ids = new AddressIds();
        long before = ids.allocate(0x1000);        // before any pid: belongs to the first one named
        assertTrue(ids.switchProcess(7));
        assertEquals(before, ids.idAt(0x1000));
        assertTrue(ids.switchProcess(8));
        assertEquals(AddressIds.NONE, ids.idAt(0x1000));
        long other = ids.allocate(0x1000);
        assertEquals(before + 1, other);
        ids.switchProcess(7);
        assertEquals(before, ids.free(0x1000));
        ids.switchProcess(8);
        assertEquals(other, ids.free(0x1000));
    }

    @Test
    void processCountIsBounded() {
        AddressIds ids = new AddressIds();
        for (int p = 0; p < AddressIds.MAX_PROCESSES; p++) {
            assertTrue(ids.switchProcess(p));
        }
        assertFalse(ids.switchProcess(-5));
        assertTrue(ids.switchProcess(3));
    }

    @Test
    void numbersSaturateSizes() {
        assertEquals(Long.MAX_VALUE, Numbers.size(-1));
        assertEquals(12, Numbers.multiply(3, 4));
        assertEquals(Long.MAX_VALUE, Numbers.multiply(Long.MAX_VALUE, 2));
        assertEquals(Long.MAX_VALUE, Numbers.multiply(1L << 32, 1L << 32));
        assertEquals(0, Numbers.multiply(0, Long.MAX_VALUE));
    }
}
