package org.memsim.cli;

import java.io.PrintWriter;
import org.memsim.InputException;
import picocli.CommandLine;

/** Entry point: parse, run, map failures to exit codes (0 ok, 1 findings, 2 bad input, 3 internal error). */
public final class Main {
    /** Exit status for bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit status for a bug in memsim. */
    public static final int INTERNAL_ERROR = 3;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (tests call this). */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("memsim: the simulation needs more host memory than the JVM has (" + e.getMessage()
                + "); give java a larger -Xmx (MEMSIM_JAVA_OPTS for ./memsim) or replay a smaller trace");
            return INTERNAL_ERROR;
        }
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MemsimCommand());
        cli.setExecutionExceptionHandler(Main::handle);
        cli.getCommandSpec().exitCodeOnInvalidInput(BAD_INPUT);
        return cli;
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof InputException) {
            err.println("memsim " + cmd.getCommandName() + ": " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            err.println("memsim " + cmd.getCommandName() + ": " + e.getMessage() + ": no such file");
            err.flush();
            return BAD_INPUT;
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            err.println("memsim " + cmd.getCommandName() + ": " + e.getMessage() + ": permission denied");
            err.flush();
            return BAD_INPUT;
        }
        if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
            Throwable io = e instanceof java.io.UncheckedIOException ? e.getCause() : e;
            err.println("memsim " + cmd.getCommandName() + ": I/O error: " + io.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        err.println("memsim " + cmd.getCommandName() + ": internal error (please report it with the command line): " + e);
        e.printStackTrace(err);
        err.flush();
        return INTERNAL_ERROR;
    }
}
