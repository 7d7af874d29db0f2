package org.memsim.spec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.memsim.InputException;
import org.memsim.alloc.Allocators;
import org.memsim.stack.StackSpec;
import org.memsim.stack.Stack;

/** Any text as an allocator spec either builds a stack or is a clear SpecException — never another exception. */
class SpecFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Spec s = Spec.parse(text);
            if (!Spec.parse(s.toString()).equals(s)) {
                throw new AssertionError("canonical form does not parse back: " + s);
            }
            Allocators.REGISTRY.params(s);
            Stack.build(StackSpec.defaults().withAllocator(text));
        } catch (InputException expected) {
            if (expected.getMessage() == null || expected.getMessage().isEmpty()) {
                throw new AssertionError("empty message", expected);
            }
        }
    }
}
