package org.memsim.cli.command;

import java.util.ArrayList;
import java.util.List;
import org.memsim.real.RealAllocators;
import picocli.CommandLine.Command;

/**
 * {@code memsim real}: a trace replayed natively on real allocators (glibc, jemalloc, tcmalloc,
 * mimalloc) by the C driver in {@code native/}, with {@code memsim replay}'s table, JSON and ops log.
 */
@Command(name = "real", mixinStandardHelpOptions = true,
    description = "Replay a trace's allocation calls on real allocators, natively (native/memsim-replay.c, built with gcc "
        + "on first use): --allocator glibc|jemalloc|tcmalloc|mimalloc (repeatable; the others by LD_PRELOAD of Debian's "
        + "libjemalloc2, libtcmalloc-minimal4, libmimalloc2.0). Same table, --json and --ops-log as memsim replay; "
        + "addresses in the ops log are heap offsets added to the model's heap start, so they diff against ptmalloc's.")
public final class RealCommand extends ReplayCommand {
    @Override
    protected List<String> allocatorSpecs() {
        List<String> out = new ArrayList<>();
        for (String a : super.allocatorSpecs()) {
            String name = a.equals(org.memsim.cli.Defaults.ALLOCATOR) ? "glibc" : a;
            out.add(RealAllocators.isRealSpec(name) ? name : RealAllocators.PREFIX + name);
        }
        return out;
    }
}
