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
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.score.NearScorer;
import org.neardl4j.score.Provenance;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.CandidateFailure;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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
 * (an executor dies) is retried by Spark and gives the same values. With {@link Builder#output} every result is
 * appended to a CSV file as it reaches the driver, and a job restarted on the same file skips the candidates already
 * in it (see {@link Builder#retryFailures}).
 *
 * <pre>{@code
 * JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("near"));
 * SparkRanking ranking = SparkRanking.builder()
 *         .ranking(ArchitectureRanking.builder().scorer(NearScorer.builder().repetitions(3).seed(1).build()).build())
 *         .output(Paths.get("/shared/near/ranking.csv"))
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
    /** The output file, or null. */
    private final String output;
    /** Whether failed candidates in the output are scored again. */
    private final boolean retryFailures;

    private SparkRanking(Builder b) {
        this.local = b.ranking.toBuilder().isolateFailures(true).build();
        this.partitions = b.partitions;
        this.output = b.output == null ? null : b.output.toString();
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
        ResultFile file = output == null ? null : new ResultFile(Path.of(output));
        Map<String, RankingResult> done;
        try {
            done = file == null ? new java.util.LinkedHashMap<>() : file.read();
            if (file != null) {
                file.open();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use output " + output + ": " + e.getMessage(), e);
        }
        for (RankingResult r : done.values()) {
            Provenance p = r.provenance();
            NearScorer scorer = local.scorer();
            Preconditions.checkArgument(p.repetitions() == scorer.repetitions() && p.seed() == scorer.seed(),
                    "output %s holds results with %s repetition(s) and seed %s, this ranking has %s and %s: use"
                            + " another output file", output, p.repetitions(), p.seed(),
                    scorer.repetitions(), scorer.seed());
        }
        List<Indexed> pending = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < candidates.size(); i++) {
            SparkCandidate c = candidates.get(i);
            RankingResult previous = done.get(c.name());
            if (previous != null && (previous.failures().isEmpty() || !retryFailures)) {
                skipped++;
            } else {
                pending.add(new Indexed(i, c));
            }
        }
        if (skipped > 0) {
            log.info("{} of {} candidate(s) already in {}: not scored again", skipped, candidates.size(), output);
        }
        RankingResult[] parts = new RankingResult[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            RankingResult previous = done.get(candidates.get(i).name());
            if (previous != null && (previous.failures().isEmpty() || !retryFailures)) {
                parts[i] = previous;
            }
        }
        if (!pending.isEmpty()) {
            byte[][] encoded = new byte[probe.length][];
            for (int k = 0; k < probe.length; k++) {
                Preconditions.checkArgument(probe[k] != null, "probe array %s is null", k);
                try {
                    encoded[k] = Nd4j.toByteArray(probe[k]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Broadcast<byte[][]> broadcastProbe = sc.broadcast(encoded);
            int slices = partitions > 0 ? Math.min(partitions, pending.size()) : pending.size();
            JavaRDD<Indexed> rdd = sc.parallelize(pending, slices);
            List<Object> all = new ArrayList<>();
            for (int p = 0; p < rdd.getNumPartitions(); p++) {
                all.add(p);
            }
            ClassTag<ArrayList<Outcome>> tag = ClassTag$.MODULE$.apply(ArrayList.class);
            int[] received = {0};
            long started = System.nanoTime();
            try {
                sc.sc().runJob(rdd.rdd(), new ScorePartition(local, broadcastProbe),
                        JavaConverters.asScalaBuffer(all).toSeq(), (Object partition, ArrayList<Outcome> outcomes) -> {
                            for (Outcome o : outcomes) {
                                parts[o.index] = o.part;
                                received[0]++;
                                if (file != null) {
                                    try {
                                        file.append(o.part, o.seconds, o.attempt, o.host);
                                    } catch (IOException e) {
                                        throw new UncheckedIOException("cannot append to " + output, e);
                                    }
                                }
                            }
                            log.info("{}/{} candidate(s) scored ({} s)", received[0], pending.size(),
                                    (System.nanoTime() - started) / 1_000_000_000L);
                            return BoxedUnit.UNIT;
                        }, tag);
            } finally {
                broadcastProbe.destroy();
            }
        }
        List<RankingResult> ordered = new ArrayList<>(parts.length);
        for (RankingResult p : parts) {
            ordered.add(Preconditions.checkNotNull(p, "a candidate got no result"));
        }
        return RankingResult.merge(ordered);
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
        final String host;

        Outcome(int index, RankingResult part, double seconds, int attempt, String host) {
            this.index = index;
            this.part = part;
            this.seconds = seconds;
            this.attempt = attempt;
            this.host = host;
        }
    }

    /** The task: scores every candidate of its partition, each failure isolated. */
    static final class ScorePartition extends scala.runtime.AbstractFunction2<TaskContext,
            scala.collection.Iterator<Indexed>, ArrayList<Outcome>> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final ArchitectureRanking ranking;
        private final Broadcast<byte[][]> probe;

        ScorePartition(ArchitectureRanking ranking, Broadcast<byte[][]> probe) {
            this.ranking = ranking;
            this.probe = probe;
        }

        @Override
        public ArrayList<Outcome> apply(TaskContext context, scala.collection.Iterator<Indexed> items) {
            byte[][] bytes = probe.value();
            INDArray[] x = new INDArray[bytes.length];
            for (int k = 0; k < bytes.length; k++) {
                x[k] = Nd4j.fromByteArray(bytes[k]);
            }
            String host = host();
            int attempt = context == null ? 0 : context.attemptNumber();
            ArrayList<Outcome> out = new ArrayList<>();
            while (items.hasNext()) {
                Indexed item = items.next();
                long t0 = System.nanoTime();
                RankingResult part = ranking.rank(List.of(item.candidate.toCandidate()), x);
                if (context != null) {
                    context.killTaskIfInterrupted();     // a killed task reports nothing, not a failure
                }
                out.add(new Outcome(item.index, part, (System.nanoTime() - t0) / 1e9, attempt, host));
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
     *         .partitions(200).output(Paths.get("ranking.csv")).build();
     * }</pre>
     */
    public static final class Builder {
        private ArchitectureRanking ranking = ArchitectureRanking.builder().build();
        private int partitions;
        private Path output;
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
         * A CSV file on the driver's file system where every result is appended as it arrives; a job restarted on
         * the same file skips the candidates already in it (default: none).
         *
         * @param output the file (created with its directory if missing)
         * @return this builder
         */
        public Builder output(Path output) {
            this.output = Preconditions.checkNotNull(output, "output");
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
