package org.memsim.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * A progress line on standard error for replays longer than a second, shown only when memsim runs
 * on a terminal. A daemon thread polls the replay's counters, so the replay loop pays nothing.
 */
public final class ProgressBar implements AutoCloseable {
    private static final long DELAY_MS = 1000;
    private static final long PERIOD_MS = 250;

    private final Thread thread;
    private volatile boolean done;
    private volatile boolean drawn;
    private final PrintStream err;

    private ProgressBar(String label, DoubleSupplier fraction, LongSupplier events, PrintStream err) {
        this.err = err;
        this.thread = new Thread(() -> loop(label, fraction, events), "memsim-progress");
        this.thread.setDaemon(true);
    }

    /** Starts a bar if standard error is a terminal; otherwise a no-op. */
    public static ProgressBar start(String label, DoubleSupplier fraction, LongSupplier events) {
        ProgressBar bar = new ProgressBar(label, fraction, events, System.err);
        if (System.console() != null && !"dumb".equals(System.getenv("TERM"))) {
            bar.thread.start();
        }
        return bar;
    }

    private void loop(String label, DoubleSupplier fraction, LongSupplier events) {
        long start = System.nanoTime();
        try {
            Thread.sleep(DELAY_MS);
            while (!done) {
                double f = fraction.getAsDouble();
                long n = events.getAsLong();
                double secs = (System.nanoTime() - start) / 1e9;
                String rate = String.format(Locale.ROOT, "%,d events, %.1fM/s", n, n / secs / 1e6);
                String line;
                if (f >= 0) {
                    int width = 30;
                    int filled = (int) Math.round(f * width);
                    line = String.format(Locale.ROOT, "\r%s [%s%s] %3.0f%%  %s ", label, "#".repeat(filled), " ".repeat(width - filled), f * 100, rate);
                } else {
                    line = "\r" + label + "  " + rate + " ";
                }
                synchronized (this) {
                    if (!done) {
                        err.print(line);
                        err.flush();
                        drawn = true;
                    }
                }
                Thread.sleep(PERIOD_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            done = true;
            if (drawn) {
                err.print("\r" + " ".repeat(100) + "\r");
                err.flush();
            }
        }
    }
}
