/*
 * Copyright 2026 the near-dl4j authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.neardl4j.cli.progress;

import com.google.common.base.Preconditions;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a long job on stderr: {@code done} of {@code total} steps. On a terminal a progress bar (count,
 * rate, time left; me.tongfei:progressbar); elsewhere (a log file, CI) one plain line every few seconds
 * ({@code rank: 3/10 candidates (30%), 0.8/s, about 9 s left}) and a last line when any was printed; with
 * {@code --quiet} nothing. Work shorter than the interval prints nothing off a terminal.
 *
 * <p>The mode is chosen by {@link Mode#detect}: the environment variable {@code NEAR_PROGRESS} ({@code bar},
 * {@code lines} or {@code none}) wins; otherwise a bar when stderr is a terminal. The interval of plain lines is 5
 * seconds, or the system property {@code near.progress.seconds}.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("rank", "candidates", files.size(), Progress.Mode.detect(quiet), System.err)) {
 *     for (String f : files) { score(f); p.step(); }
 * }
 * }</pre>
 */
public abstract class Progress implements AutoCloseable {

    /** How progress is shown. */
    public enum Mode {
        /** A progress bar that redraws itself (stderr is a terminal). */
        BAR,
        /** A plain line every few seconds (stderr is a file or a pipe). */
        LINES,
        /** Nothing ({@code --quiet}). */
        NONE;

        /**
         * The mode for this process.
         *
         * @param quiet whether {@code --quiet} was given
         * @return {@link #NONE} when quiet; else {@code NEAR_PROGRESS} when set; else {@link #BAR} when stderr is a
         *         terminal, {@link #LINES} otherwise
         */
        public static Mode detect(boolean quiet) {
            if (quiet) {
                return NONE;
            }
            String env = System.getenv("NEAR_PROGRESS");
            if (env != null && !env.isBlank()) {
                for (Mode m : values()) {
                    if (m.name().equalsIgnoreCase(env.trim())) {
                        return m;
                    }
                }
            }
            return stderrIsTerminal() ? BAR : LINES;
        }
    }

    final String task;
    final String unit;
    final long total;
    long done;

    Progress(String task, String unit, long total) {
        this.task = Preconditions.checkNotNull(task, "task");
        this.unit = Preconditions.checkNotNull(unit, "unit");
        Preconditions.checkArgument(total >= 0, "total must be >= 0, got %s", total);
        this.total = total;
    }

    /**
     * Starts showing the progress of a job.
     *
     * @param task  what runs, e.g. {@code rank}
     * @param unit  what is counted, e.g. {@code candidates}
     * @param total the number of steps
     * @param mode  how to show it
     * @param err   where (stderr)
     * @return the progress; close it when the job ends
     */
    public static Progress start(String task, String unit, long total, Mode mode, PrintStream err) {
        Preconditions.checkNotNull(mode, "mode");
        Preconditions.checkNotNull(err, "err");
        switch (mode) {
            case BAR:
                return new Bar(task, unit, total, err);
            case LINES:
                return new Lines(task, unit, total, err, interval());
            default:
                return new Progress(task, unit, total) {
                    @Override
                    void show() {
                    }

                    @Override
                    public void close() {
                    }
                };
        }
    }

    /** One more step done. */
    public final void step() {
        stepTo(done + 1);
    }

    /**
     * Sets the number of steps done.
     *
     * @param steps steps done so far (at most the total)
     */
    public final synchronized void stepTo(long steps) {
        long s = Math.min(total, Math.max(done, steps));
        if (s != done) {
            done = s;
            show();
        }
    }

    /**
     * The steps done so far.
     *
     * @return the count
     */
    public final synchronized long done() {
        return done;
    }

    abstract void show();

    /** Ends the display (a last line or the completed bar). */
    @Override
    public abstract void close();

    static Duration interval() {
        String s = System.getProperty("near.progress.seconds");
        double sec = 5;
        if (s != null) {
            try {
                sec = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                // keep the default
            }
        }
        return Duration.ofMillis((long) (Math.max(0, sec) * 1000));
    }

    /** Whether file descriptor 2 is a terminal (Linux: /proc/self/fd/2 links to a tty; elsewhere: a console). */
    static boolean stderrIsTerminal() {
        Path fd = Paths.get("/proc/self/fd/2");
        try {
            if (Files.exists(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // fall through
        }
        return System.console() != null;
    }

    /** A progress bar of me.tongfei:progressbar. */
    private static final class Bar extends Progress {
        private final ProgressBar bar;

        Bar(String task, String unit, long total, PrintStream err) {
            super(task, unit, total);
            this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).showSpeed().setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).continuousUpdate().build();
        }

        @Override
        void show() {
            bar.stepTo(done);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Plain lines, at most one per interval. */
    private static final class Lines extends Progress {
        private final PrintStream err;
        private final long intervalNanos;
        private final long started = System.nanoTime();
        private long lastLine = started;
        private boolean printed;

        Lines(String task, String unit, long total, PrintStream err, Duration interval) {
            super(task, unit, total);
            this.err = err;
            this.intervalNanos = interval.toNanos();
        }

        @Override
        void show() {
            long now = System.nanoTime();
            if (now - lastLine >= intervalNanos && done < total) {
                lastLine = now;
                printed = true;
                err.println(line(now));
                err.flush();
            }
        }

        String line(long now) {
            double sec = (now - started) / 1e9;
            double rate = sec > 0 ? done / sec : 0;
            String left = rate > 0 ? String.format(Locale.ROOT, ", about %s left", human((total - done) / rate)) : "";
            return String.format(Locale.ROOT, "%s: %d/%d %s (%d%%), %.2f/s%s", task, done, total, unit,
                    total == 0 ? 100 : done * 100 / total, rate, left);
        }

        @Override
        public synchronized void close() {
            if (printed) {
                err.println(String.format(Locale.ROOT, "%s: %d/%d %s in %s", task, done, total, unit,
                        human((System.nanoTime() - started) / 1e9)));
                err.flush();
            }
        }
    }

    static String human(double seconds) {
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 5400) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
