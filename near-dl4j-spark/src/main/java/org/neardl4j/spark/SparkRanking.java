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
package org.neardl4j.spark;

import com.google.common.base.Preconditions;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.TaskSchedulerImpl;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.score.NearScorer;
import org.neardl4j.score.Provenance;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.RankingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks candidate architectures by NEAR on an Apache Spark cluster and returns the {@link RankingResult} that
 * {@link ArchitectureRanking} gives on one machine, bit for bit: each candidate is scored on an executor by an
 * {@code ArchitectureRanking} of that one candidate, with seeds that depend only on the scorer and the candidate,
 * never on where or in which order it runs (at the same ND4J thread count), and the parts are merged on the driver
 * ({@link RankingResult#merge}).
 *
 * <p>Candidates are {@link SparkCandidate}s, descriptions that the executors build themselves; the probe data is
 * broadcast once. A candidate that cannot be built or scored (bad configuration, NaN activations, out of memory) is
 * reported in {@link RankingResult#failures()} with its error and the others are still ranked; a task that is lost
 * (an executor dies) is retried by Spark and gives the same values, and a candidate whose task fails on every
 * attempt Spark gives it is reported as failed, never retried without end. With {@link Builder#output} the results
 * go to a directory of CSV files on any Hadoop file system as they reach the driver, and a job restarted on the same
 * directory skips the candidates already in it (see {@link Builder#retryFailures}).
 *
 * <pre>{@code
 * JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("near"));
 * SparkRanking ranking = SparkRanking.builder()
 *         .ranking(ArchitectureRanking.builder().scorer(NearScorer.builder().repetitions(3).seed(1).build()).build())
 *         .output("hdfs://namenode:8020/near/ranking")      // or file:///..., s3a://...
 *         .build();
 * RankingResult r = ranking.rank(sc, candidates, probeImages);
 * System.out.println(r);
 * }</pre>
 *
 * <p>Instances are immutable. Executors may run several tasks in one JVM: scoring is thread-safe (see
 * {@link NearScorer}); set ND4J's threads per task with {@code OMP_NUM_THREADS} (docs/SPARK.md).
 */
public final class SparkRanking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(SparkRanking.class);

    /** What every executor runs for each candidate: the builder's ranking with failures isolated. */
    private final ArchitectureRanking local;
    /** Spark tasks, 0 for one per candidate. */
    private final int partitions;
    /** The output directory (a Hadoop path or URI), or null. */
    private final String output;
    /** The longest a result waits on the driver before it is written. */
    private final long flushMillis;
    /** The most candidates scored in one call. */
    private final int limit;
    /** Whether failed candidates in the output are scored again. */
    private final boolean retryFailures;

    private SparkRanking(Builder b) {
        this.local = b.ranking.toBuilder().isolateFailures(true).build();
        this.partitions = b.partitions;
        this.output = b.output;
        this.flushMillis = b.flushMillis;
        this.limit = b.limit;
        this.retryFailures = b.retryFailures;
    }

    /**
     * A builder with the defaults: {@code ArchitectureRanking}'s defaults (3 repetitions, seed 12345, the networks'
     * own weights first), one task per candidate, no output file.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The ranking one JVM would do with the same options (the builder's {@link ArchitectureRanking}, failures
     * isolated): what each executor runs for each candidate.
     *
     * @return the single-machine equivalent
     */
    public ArchitectureRanking local() {
        return local;
    }

    /** The longest a result waits on the driver before it is written, in milliseconds. */
    long flushMillis() {
        return flushMillis;
    }

    /**
     * Ranks the candidates on one batch of probe inputs (one array per network input; every network must accept
     * them).
     *
     * @param sc         the Spark context
     * @param candidates the candidates, names unique
     * @param probe      the probe batch, broadcast once
     * @return every candidate: ranked, or in {@link RankingResult#failures()}
     * @throws IllegalArgumentException for duplicate names, no candidates or no probe, or an output file written
     *                                  with other scoring options
     * @throws UncheckedIOException     when the output file cannot be read or written
     */
    public RankingResult rank(JavaSparkContext sc, List<SparkCandidate> candidates, INDArray... probe) {
        Preconditions.checkNotNull(sc, "sc");
        Preconditions.checkNotNull(candidates, "candidates");
        Preconditions.checkArgument(!candidates.isEmpty(), "no candidates to rank");
        Preconditions.checkNotNull(probe, "probe");
        Preconditions.checkArgument(probe.length > 0, "no probe array given");
        Set<String> names = new HashSet<>();
        for (SparkCandidate c : candidates) {
            Preconditions.checkArgument(c != null, "a candidate is null");
            Preconditions.checkArgument(names.add(c.name()), "two candidates are named '%s'", c.name());
        }
        for (int k = 0; k < probe.length; k++) {
            Preconditions.checkArgument(probe[k] != null, "probe array %s is null", k);
        }
        ResultStore store;
        Map<String, RankingResult> done;
        try {
            store = output == null ? null : new ResultStore(output, sc.hadoopConfiguration(), flushMillis);
            done = store == null ? new LinkedHashMap<>() : store.read();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use output " + output + ": " + e.getMessage(), e);
        }
        checkOptions(done);
        RankingResult[] parts = new RankingResult[candidates.size()];
        List<Indexed> pending = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            SparkCandidate c = candidates.get(i);
            RankingResult previous = done.get(c.name());
            if (previous != null && (previous.failures().isEmpty() || !retryFailures)) {
                parts[i] = previous;
            } else if (pending.size() < limit) {
                pending.add(new Indexed(i, c));
            }
        }
        int skipped = (int) java.util.Arrays.stream(parts).filter(java.util.Objects::nonNull).count();
        if (skipped > 0) {
            log.info("{} of {} candidate(s) already in {}: not scored again", skipped, candidates.size(),
                    store.location());
        }
        if (!pending.isEmpty()) {
            try {
                score(sc, pending, probe, parts, store);
            } finally {
                if (store != null) {
                    try {
                        store.flush();
                    } catch (IOException e) {
                        log.error("cannot write the last results to {}: {}", store.location(), e.toString());
                    }
                }
            }
        }
        List<RankingResult> ordered = new ArrayList<>(parts.length);
        int left = 0;
        for (RankingResult p : parts) {
            if (p == null) {
                left++;
            } else {
                ordered.add(p);
            }
        }
        if (left > 0) {
            log.info("{} candidate(s) left for the next run (limit {})", left, limit);
        }
        Preconditions.checkState(!ordered.isEmpty(), "no candidate scored (limit %s)", limit);
        return RankingResult.merge(ordered);
    }

    /** Refuses an output written with other repetitions or another seed. */
    void checkOptions(Map<String, RankingResult> done) {
        for (RankingResult r : done.values()) {
            Provenance p = r.provenance();
            NearScorer scorer = local.scorer();
            Preconditions.checkArgument(p.repetitions() == scorer.repetitions() && p.seed() == scorer.seed(),
                    "output %s holds results with %s repetition(s) and seed %s, this ranking has %s and %s: use"
                            + " another output", output, p.repetitions(), p.seed(),
                    scorer.repetitions(), scorer.seed());
        }
    }

    /**
     * Scores the pending candidates in Spark jobs. A task that fails on its last attempt (its executor died every
     * time, for example) makes the job fail: its candidates are then reported as failed and the others go to a new
     * job, so that one bad candidate never stops the rest.
     */
    private void score(JavaSparkContext sc, List<Indexed> pending, INDArray[] probe, RankingResult[] parts,
                       ResultStore store) {
        byte[][] encoded = new byte[probe.length][];
        for (int k = 0; k < probe.length; k++) {
            try {
                encoded[k] = Nd4j.toByteArray(probe[k]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        int maxFailures = maxTaskFailures(sc);
        Broadcast<byte[][]> broadcastProbe = sc.broadcast(encoded);
        int total = pending.size();
        int[] received = {0};
        long started = System.nanoTime();
        try {
            List<Indexed> left = pending;
            while (!left.isEmpty()) {
                int slices = partitions > 0 ? Math.min(partitions, left.size()) : left.size();
                List<List<Indexed>> groups = new ArrayList<>();
                for (int p = 0; p < slices; p++) {
                    groups.add(new ArrayList<>(left.subList(p * left.size() / slices,
                            (p + 1) * left.size() / slices)));
                }
                // one element per partition: partition p holds exactly groups.get(p)
                JavaRDD<List<Indexed>> rdd = sc.parallelize(groups, slices);
                List<Object> all = new ArrayList<>();
                for (int p = 0; p < slices; p++) {
                    all.add(p);
                }
                ClassTag<ArrayList<Outcome>> tag = ClassTag$.MODULE$.apply(ArrayList.class);
                try {
                    sc.sc().runJob(rdd.rdd(), new ScorePartition(local, broadcastProbe, maxFailures),
                            JavaConverters.asScalaBuffer(all).toSeq(), (Object partition, ArrayList<Outcome> outcomes) -> {
                                for (Outcome o : outcomes) {
                                    parts[o.index] = o.part;
                                    received[0]++;
                                    if (store != null) {
                                        try {
                                            store.add(o.part, o.seconds, o.attempt, o.executor, o.host);
                                        } catch (IOException e) {
                                            throw new UncheckedIOException("cannot write to " + output, e);
                                        }
                                    }
                                }
                                log.info("{}/{} candidate(s) scored ({} s)", received[0], total,
                                        (System.nanoTime() - started) / 1_000_000_000L);
                                return BoxedUnit.UNIT;
                            }, tag);
                } catch (Exception e) {          // Spark's SparkException is a checked exception
                    Map<Integer, String> lost = exhausted(e, slices);
                    if (lost.isEmpty()) {
                        throw SparkRanking.<RuntimeException>rethrow(e);
                    }
                    for (Map.Entry<Integer, String> l : lost.entrySet()) {
                        for (Indexed item : groups.get(l.getKey())) {
                            if (parts[item.index] == null) {
                                String message = "its task failed on all " + maxFailures + " attempt(s), the last: "
                                        + l.getValue();
                                log.warn("{}: {}", item.candidate.name(), message);
                                parts[item.index] = failed(item.candidate.name(), message, probe);
                                received[0]++;
                                if (store != null) {
                                    try {
                                        store.add(parts[item.index], 0, maxFailures - 1, "", "");
                                    } catch (IOException io) {
                                        throw new UncheckedIOException("cannot write to " + output, io);
                                    }
                                }
                            }
                        }
                    }
                }
                List<Indexed> next = new ArrayList<>();
                for (Indexed item : left) {
                    if (parts[item.index] == null) {
                        next.add(item);
                    }
                }
                Preconditions.checkState(next.size() < left.size(), "no progress in a Spark job");
                left = next;
            }
        } finally {
            broadcastProbe.destroy();
        }
    }

    /** The attempts Spark gives a task before the job fails ({@code spark.task.maxFailures}, 1 in {@code local[N]}). */
    private static int maxTaskFailures(JavaSparkContext sc) {
        if (sc.sc().taskScheduler() instanceof TaskSchedulerImpl) {
            return ((TaskSchedulerImpl) sc.sc().taskScheduler()).maxTaskFailures();
        }
        return sc.getConf().getInt("spark.task.maxFailures", 4);
    }

    /** A one-candidate ranking that reports the candidate as failed with {@code message}. */
    private RankingResult failed(String name, String message, INDArray[] probe) {
        return local.rank(List.of(Candidate.ofSupplier(name, () -> {
            throw new TaskFailedException(message);
        })), probe);
    }

    /**
     * The error of a candidate whose task failed on every attempt Spark gives it (an error that is not a candidate's
     * own failure, or an executor that died while scoring it).
     */
    static final class TaskFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TaskFailedException(String message) {
            super(message);
        }
    }

    /** Throws {@code t} as it is (Spark's checked exceptions reach the caller unchanged, as before). */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }

    /** Spark's words when a job is aborted because one task failed on every attempt. */
    private static final java.util.regex.Pattern TASK_FAILED = java.util.regex.Pattern.compile(
            "Task (\\d+) in stage [\\d.]+ failed (\\d+) times?, most recent failure: ([^\\n]*)");

    /**
     * The partition whose task failed on every attempt, with Spark's last reason, when that is why the job was
     * aborted (the task's index in the stage is its partition: every job here runs all the RDD's partitions);
     * empty for any other failure.
     */
    static Map<Integer, String> exhausted(Throwable jobFailure, int partitions) {
        for (Throwable t = jobFailure; t != null; t = t.getCause()) {
            java.util.regex.Matcher m = TASK_FAILED.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                int partition = Integer.parseInt(m.group(1));
                if (partition < partitions) {
                    String reason = m.group(3).strip();
                    return Map.of(partition, reason.length() > 500 ? reason.substring(0, 500) + "..." : reason);
                }
            }
        }
        return Map.of();
    }

    /** A candidate and its position in the caller's list. */
    static final class Indexed implements Serializable {
        private static final long serialVersionUID = 1L;
        final int index;
        final SparkCandidate candidate;

        Indexed(int index, SparkCandidate candidate) {
            this.index = index;
            this.candidate = candidate;
        }
    }

    /** What a task sends back for one candidate. */
    static final class Outcome implements Serializable {
        private static final long serialVersionUID = 1L;
        final int index;
        final RankingResult part;
        final double seconds;
        final int attempt;
        final String executor;
        final String host;

        Outcome(int index, RankingResult part, double seconds, int attempt, String executor, String host) {
            this.index = index;
            this.part = part;
            this.seconds = seconds;
            this.attempt = attempt;
            this.executor = executor;
            this.host = host;
        }
    }

    /**
     * The task: scores every candidate of its partition, each failure isolated. On the last attempt Spark gives the
     * task, any error of a candidate (not only those {@link ArchitectureRanking} isolates) is reported as that
     * candidate's failure, so that the job goes on.
     */
    static final class ScorePartition extends scala.runtime.AbstractFunction2<TaskContext,
            scala.collection.Iterator<List<Indexed>>, ArrayList<Outcome>> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final ArchitectureRanking ranking;
        private final Broadcast<byte[][]> probe;
        private final int maxFailures;

        ScorePartition(ArchitectureRanking ranking, Broadcast<byte[][]> probe, int maxFailures) {
            this.ranking = ranking;
            this.probe = probe;
            this.maxFailures = maxFailures;
        }

        @Override
        public ArrayList<Outcome> apply(TaskContext context, scala.collection.Iterator<List<Indexed>> groups) {
            byte[][] bytes = probe.value();
            INDArray[] x = new INDArray[bytes.length];
            for (int k = 0; k < bytes.length; k++) {
                x[k] = Nd4j.fromByteArray(bytes[k]);
            }
            String host = host();
            String executor = SparkEnv.get() == null ? "" : SparkEnv.get().executorId();
            int attempt = context == null ? 0 : context.attemptNumber();
            boolean last = attempt + 1 >= maxFailures;
            ArrayList<Outcome> out = new ArrayList<>();
            while (groups.hasNext()) {
                for (Indexed item : groups.next()) {
                    long t0 = System.nanoTime();
                    RankingResult part;
                    try {
                        part = ranking.rank(List.of(item.candidate.toCandidate()), x);
                    } catch (Error e) {
                        if (!last) {
                            throw e;                      // Spark runs the task again, perhaps on another executor
                        }
                        String message = e.getClass().getName() + ": " + e.getMessage() + " (on each of "
                                + maxFailures + " attempt(s))";
                        part = ranking.rank(List.of(Candidate.ofSupplier(item.candidate.name(), () -> {
                            throw new TaskFailedException(message);
                        })), x);
                    }
                    if (context != null) {
                        context.killTaskIfInterrupted();     // a killed task reports nothing, not a failure
                    }
                    out.add(new Outcome(item.index, part, (System.nanoTime() - t0) / 1e9, attempt, executor, host));
                }
            }
            return out;
        }

        private static String host() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    /**
     * Options of a {@link SparkRanking}.
     *
     * <pre>{@code
     * SparkRanking r = SparkRanking.builder()
     *         .ranking(ArchitectureRanking.builder().scorer(NearScorer.builder().repetitions(3).build()).build())
     *         .partitions(200).output("file:///shared/near/ranking").build();
     * }</pre>
     */
    public static final class Builder {
        private ArchitectureRanking ranking = ArchitectureRanking.builder().build();
        private int partitions;
        private String output;
        private long flushMillis = 30_000;
        private int limit = Integer.MAX_VALUE;
        private boolean retryFailures;

        private Builder() {
        }

        /**
         * The options of the single-machine ranking that each executor runs for its candidates: the scorer
         * (repetitions, seed, block mode, sample limit, rank method) and whether every repetition uses fresh weights
         * (default: {@code ArchitectureRanking.builder().build()}). Its {@link ArchitectureRanking#isolateFailures()}
         * is ignored: on the cluster a failed candidate is always reported, never the end of the job.
         *
         * @param ranking the ranking options
         * @return this builder
         */
        public Builder ranking(ArchitectureRanking ranking) {
            this.ranking = Preconditions.checkNotNull(ranking, "ranking");
            return this;
        }

        /**
         * How many Spark tasks to split the candidates into (default: one per candidate, so that every result
         * reaches the output file as soon as it is computed and a lost task costs one candidate).
         *
         * @param partitions at least 1
         * @return this builder
         */
        public Builder partitions(int partitions) {
            Preconditions.checkArgument(partitions >= 1, "partitions must be >= 1, got %s", partitions);
            this.partitions = partitions;
            return this;
        }

        /**
         * A directory where every result is written as it arrives (CSV part files, see docs/SPARK.md), on any file
         * system Hadoop reaches: {@code file:///shared/near/run1}, {@code hdfs://namenode:8020/near/run1},
         * {@code s3a://bucket/near/run1}; a path without a scheme is on the cluster's default file system
         * ({@code fs.defaultFS}, the local one unless configured). A job restarted on the same directory skips the
         * candidates already in it (default: none).
         *
         * @param uri the directory (created when the first results are written)
         * @return this builder
         */
        public Builder output(String uri) {
            Preconditions.checkArgument(uri != null && !uri.isBlank(), "output must not be empty");
            this.output = uri;
            return this;
        }

        /**
         * How long a result may wait on the driver before it is written to the output (default 30 s): the results
         * that arrive within the interval are written together as one part file, and those still waiting when the
         * driver dies are scored again by the next run.
         *
         * @param interval zero or more; zero writes every result at once (one file per result)
         * @return this builder
         */
        public Builder flushInterval(Duration interval) {
            Preconditions.checkArgument(interval != null && !interval.isNegative(), "flush interval must be >= 0,"
                    + " got %s", interval);
            this.flushMillis = interval.toMillis();
            return this;
        }

        /**
         * The most candidates one call of {@link SparkRanking#rank} scores (default: all). The others are left out
         * of the result, and a later call on the same output scores the next ones: a long ranking in chunks of
         * bounded time.
         *
         * @param limit at least 1
         * @return this builder
         */
        public Builder limit(int limit) {
            Preconditions.checkArgument(limit >= 1, "limit must be >= 1, got %s", limit);
            this.limit = limit;
            return this;
        }

        /**
         * Whether a restarted job scores again the candidates that failed before (default false: they are reported
         * from the file as they are). Turn it on after giving the executors more memory, for example.
         *
         * @param retry true to score failed candidates again
         * @return this builder
         */
        public Builder retryFailures(boolean retry) {
            this.retryFailures = retry;
            return this;
        }

        /**
         * Builds the ranking.
         *
         * @return a new SparkRanking
         */
        public SparkRanking build() {
            return new SparkRanking(this);
        }
    }
}
