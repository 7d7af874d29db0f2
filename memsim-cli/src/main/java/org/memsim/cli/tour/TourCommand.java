package org.memsim.cli.tour;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code memsim tour}: placeholder until the chapters land. */
@Command(name = "tour", mixinStandardHelpOptions = true, description = "A guided tour of the seed on built-in workloads.")
public final class TourCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
