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
package org.neardl4j.benchmarks.speed;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every part of a benchmark run shares: the number of timing runs, the timing rules, the report, the parity
 * folder, and the real network blocks the workloads collect for the accuracy part. One instance per run.
 *
 * <pre>{@code
 * SuitePart.Context c = new SuitePart.Context(Suite.CI, 1, parity, List.of("LeNet"));
 * new ErankSuite(c).run();
 * }</pre>
 */
abstract class SuitePart {

    /** The state of one benchmark run. */
    static final class Context {
        final Suite suite;
        final int reps;
        final Timing timing;
        final Report report = new Report();
        final Path parityDir;
        final List<String> zooNames;
        final int cores = Machine.cores();
        /** Real network blocks collected by the workloads, for the accuracy table. */
        final Map<String, List<INDArray>> networkBlocks = new LinkedHashMap<>();

        Context(Suite suite, int reps, Path parityDir, List<String> zooNames) {
            this.suite = suite;
            this.reps = reps;
            this.timing = Timing.forSuite(suite);
            this.parityDir = parityDir;
            this.zooNames = zooNames;
        }
    }

    final Context ctx;
    final int reps;
    final int cores;

    SuitePart(Context ctx) {
        this.ctx = ctx;
        this.reps = ctx.reps;
        this.cores = ctx.cores;
    }

    /** Runs this part, adding its sections to the report. */
    abstract void run() throws Exception;

    void say(String s) {
        ctx.report.say(s);
    }

    /** Adds a table to the report (Markdown and HTML). */
    void table(Table t) {
        ctx.report.table(t);
    }

    void heading(String s) {
        ctx.report.say(s);
    }

    double adaptiveTime(int r, Runnable task) {
        return ctx.timing.adaptiveTime(r, task);
    }

    double[] pairedTimes(int r, Runnable a, Runnable b) {
        return ctx.timing.pairedTimes(r, a, b);
    }

    static double medianTime(int warmup, int r, Runnable task) {
        return Timing.medianTime(warmup, r, task);
    }

    static void setThreads(int n) {
        Machine.setThreads(n);
    }
}
