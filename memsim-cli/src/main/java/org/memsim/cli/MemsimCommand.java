package org.memsim.cli;

import org.memsim.cli.command.CaptureCommand;
import org.memsim.cli.command.CheckCommand;
import org.memsim.cli.command.ConvertCommand;
import org.memsim.cli.command.GcCommand;
import org.memsim.cli.command.GenerateCommand;
import org.memsim.cli.command.InfoCommand;
import org.memsim.cli.command.ListCommand;
import org.memsim.cli.command.PagingCommand;
import org.memsim.cli.command.RealCommand;
import org.memsim.cli.command.ReplayCommand;
import org.memsim.cli.command.RunCommand;
import org.memsim.cli.command.SizeofCommand;
import org.memsim.cli.command.VmCommand;
import org.memsim.cli.tour.TourCommand;
import picocli.CommandLine.Command;

/** The top-level {@code memsim} command: only subcommands. */
@Command(name = "memsim", mixinStandardHelpOptions = true, version = "memsim 0.1.0",
    description = "A memory-management laboratory: a program's memory events pushed through a simulated stack "
        + "(runtime, allocator, kernel, page tables, MMU, physical memory), every layer's cost measured.",
    subcommands = {TourCommand.class, ReplayCommand.class, RealCommand.class, RunCommand.class, InfoCommand.class,
        ConvertCommand.class, CaptureCommand.class, GenerateCommand.class, ListCommand.class, GcCommand.class, SizeofCommand.class,
        VmCommand.class,
        PagingCommand.class, CheckCommand.class},
    footer = {"", "Exit status: 0 ok, 1 a failed expectation or findings, 2 bad input (message names file and line)."})
public final class MemsimCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
