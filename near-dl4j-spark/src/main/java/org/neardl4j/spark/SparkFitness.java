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
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.search.ArchitectureSearch;
import org.neardl4j.search.Fitness;
import org.neardl4j.search.SearchSpace;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.CandidateFailure;
import org.neardl4j.tune.RankedCandidate;
import org.neardl4j.tune.RankingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A {@link Fitness} that scores the candidates of an {@link ArchitectureSearch} by NEAR on an Apache Spark cluster:
 * each {@link Fitness#scoreAll batch} the search proposes is ranked by a {@link SparkRanking}, so that the
 * candidates of a batch are scored in parallel on the executors (give the search a
 * {@link ArchitectureSearch.Builder#batch(int) batch} of about the cluster's task slots).
 *
 * <ul>
 *   <li><b>Candidates are built on the executors</b> from the search space, which is therefore shipped to them: it
 *       must be {@link Serializable} ({@code Nb201Space} is; a {@code ChoiceSpace} when its template is), checked
 *       when the fitness is built. The space is serialised once and broadcast; each executor reads it once and
 *       builds a candidate from its name ({@link SearchSpace#parse}).</li>
 *   <li><b>The probe data</b> is broadcast by the {@code SparkRanking}, once per batch.</li>
 *   <li><b>Values:</b> one, {@code near}: the NEAR score (the mean over the ranking's repetitions) that
 *       {@link SparkRanking#local()}, the single-machine {@code ArchitectureRanking}, gives for the candidate alone;
 *       {@link #local()} is that fitness in this JVM, with bit-for-bit the same values at the same ND4J thread count.
 *       A candidate that cannot be built or scored is {@code NaN} (the search ranks it lowest), with a WARN naming
 *       it and its error.</li>
 *   <li><b>Options</b> are those of the {@link SparkRanking} (its {@code ArchitectureRanking}: repetitions, seed,
 *       block mode, sample limit; its partitions and output). A ranking with a {@code limit} that leaves a
 *       candidate of a batch unscored is an error.</li>
 * </ul>
 *
 * <pre>{@code
 * JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("near search"));
 * Nb201Space space = Nb201Space.full(Nb201Network.defaults());
 * SparkFitness<Nb201Cell> near = SparkFitness.builder(sc, space, probeImages)
 *         .ranking(SparkRanking.builder().ranking(ArchitectureRanking.builder()
 *                 .scorer(NearScorer.builder().repetitions(1).seed(1).build()).build()).build())
 *         .build();
 * SearchResult<Nb201Cell> r = ArchitectureSearch.builder(space, near).strategy(Strategy.evolution(10, 3))
 *         .budget(200).batch(sc.defaultParallelism()).seed(1).build().run();
 * }</pre>
 *
 * @param <C> the candidate type of the space
 */
public final class SparkFitness<C> implements Fitness<C> {

    private static final Logger log = LoggerFactory.getLogger(SparkFitness.class);

    /** The name of the one value. */
    public static final String NEAR = "near";

    /** Spaces read on this JVM (an executor), by the key of their broadcast; a few at most. */
    private static final Map<String, SearchSpace<?>> READ = new LinkedHashMap<>(4, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SearchSpace<?>> eldest) {
            return size() > 4;
        }
    };

    private final JavaSparkContext sc;
    private final SearchSpace<C> space;
    private final INDArray[] probe;
    private final SparkRanking ranking;
    /** The space, Java-serialised (whatever {@code spark.serializer} is). */
    private final byte[] serialisedSpace;
    /** Identifies this fitness's space in the executors' cache. */
    private final String key = UUID.randomUUID().toString();
    /** The serialised space, broadcast at the first batch. */
    private Broadcast<byte[]> shipped;

    private SparkFitness(Builder<C> b) {
        this.sc = b.sc;
        this.space = b.space;
        this.probe = b.probe;
        this.ranking = b.ranking;
        this.serialisedSpace = serialise(space);
    }

    /**
     * A builder of a fitness scoring candidates of {@code space} on {@code probe} with the Spark context {@code sc}.
     *
     * @param sc    the Spark context
     * @param space the search space; serialisable
     * @param probe the probe batch, one array per network input (every candidate's network must accept them)
     * @param <C>   the candidate type
     * @return a builder with {@code SparkRanking.builder().build()}'s options
     */
    public static <C> Builder<C> builder(JavaSparkContext sc, SearchSpace<C> space, INDArray... probe) {
        return new Builder<>(sc, space, probe);
    }

    /**
     * The single value's name.
     *
     * @return {@code [near]}
     */
    @Override
    public List<String> names() {
        return List.of(NEAR);
    }

    /**
     * Scores one candidate on the cluster (a batch of one).
     *
     * @param candidate a candidate of the space
     * @return its NEAR score, {@code NaN} if it could not be scored
     */
    @Override
    public double[] score(C candidate) {
        return scoreAll(List.of(candidate)).get(0);
    }

    /**
     * Scores the candidates in one {@link SparkRanking#rank} on the cluster.
     *
     * @param candidates candidates of the space (one named twice is scored once)
     * @return each candidate's NEAR score, in order; {@code NaN} for one that could not be built or scored
     * @throws IllegalStateException when the ranking leaves a candidate unscored (a {@code SparkRanking} limit)
     */
    @Override
    public List<double[]> scoreAll(List<C> candidates) {
        Preconditions.checkNotNull(candidates, "candidates");
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(candidates.size());
        for (C c : candidates) {
            Preconditions.checkArgument(c != null, "a candidate is null");
            names.add(space.name(c));
        }
        Set<String> distinct = new LinkedHashSet<>(names);
        Broadcast<byte[]> b = shipped();
        List<SparkCandidate> list = new ArrayList<>(distinct.size());
        for (String name : distinct) {
            list.add(SparkCandidate.of(name, new Build(key, b, name)));
        }
        return values(ranking.rank(sc, list, probe), names, "on the cluster");
    }

    /**
     * The same fitness computed in this JVM: each candidate ranked alone by {@link SparkRanking#local()}, as the
     * executors rank it; at the same ND4J thread count its values are this fitness's bit for bit. For comparisons
     * and runs without a cluster.
     *
     * <pre>{@code
     * Fitness<Nb201Cell> here = sparkFitness.local();
     * }</pre>
     *
     * @return a fitness with the same names and values, scoring one candidate after another
     */
    public Fitness<C> local() {
        return local(space, ranking, probe);
    }

    /** The fitness of {@link #local()} for a space, the ranking's single-machine options and a probe. */
    static <C> Fitness<C> local(SearchSpace<C> space, SparkRanking ranking, INDArray... probe) {
        ArchitectureRanking one = ranking.local();
        INDArray[] x = probe.clone();
        return new Fitness<>() {
            @Override
            public List<String> names() {
                return List.of(NEAR);
            }

            @Override
            public double[] score(C candidate) {
                String name = space.name(candidate);
                RankingResult r = one.rank(List.of(Candidate.ofSupplier(name, () -> space.build(candidate))), x);
                return values(r, List.of(name), "").get(0);
            }

            @Override
            public String toString() {
                return "SparkFitness.local" + names();
            }
        };
    }

    /** The values of {@code names} in a ranking: the score, or NaN (with a WARN) for a failed candidate. */
    private static List<double[]> values(RankingResult r, List<String> names, String where) {
        Map<String, Double> byName = new HashMap<>();
        for (RankedCandidate e : r.entries()) {
            byName.put(e.name(), e.score());
        }
        for (CandidateFailure f : r.failures()) {
            log.warn("candidate {} could not be scored{}: {}: {} (its fitness is NaN)", f.name(),
                    where.isEmpty() ? "" : " " + where, f.type(), f.error());
            byName.put(f.name(), Double.NaN);
        }
        List<double[]> out = new ArrayList<>(names.size());
        for (String n : names) {
            Double v = byName.get(n);
            Preconditions.checkState(v != null, "candidate %s was left unscored by the ranking (a SparkRanking with a"
                    + " limit?): a SparkFitness needs every candidate of a batch scored", n);
            out.add(new double[] {v});
        }
        return out;
    }

    private synchronized Broadcast<byte[]> shipped() {
        if (shipped == null) {
            shipped = sc.broadcast(serialisedSpace);
        }
        return shipped;
    }

    /** The space's Java serialisation; a clear error when it cannot be serialised. */
    private static byte[] serialise(SearchSpace<?> space) {
        Preconditions.checkArgument(space instanceof Serializable, "the search space %s (%s) is not Serializable:"
                        + " SparkFitness ships it to the executors, which build the candidates (Nb201Space is"
                        + " serialisable; a ChoiceSpace when its template is)", space.id(),
                space.getClass().getName());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(space);
        } catch (IOException e) {
            throw new IllegalArgumentException("the search space " + space.id() + " cannot be serialised for the"
                    + " executors: " + e + " (every field must be serialisable, a ChoiceSpace's template too: e.g. a"
                    + " lambda cast to (Function<Choices, Model> & Serializable))", e);
        }
        return bytes.toByteArray();
    }

    /** The space on this JVM: read from the broadcast once per JVM and fitness. */
    @SuppressWarnings("unchecked")
    private static <C> SearchSpace<C> space(String key, Broadcast<byte[]> shipped) {
        synchronized (READ) {
            SearchSpace<?> s = READ.get(key);
            if (s == null) {
                try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(shipped.value())) {
                    @Override
                    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException,
                            ClassNotFoundException {
                        ClassLoader loader = Thread.currentThread().getContextClassLoader();
                        if (loader != null) {
                            try {
                                return Class.forName(desc.getName(), false, loader);
                            } catch (ClassNotFoundException e) {
                                // the application's classes may be in this class's loader instead
                            }
                        }
                        return super.resolveClass(desc);
                    }
                }) {
                    s = (SearchSpace<?>) in.readObject();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the search space: " + e.getMessage(), e);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("cannot read the search space: class " + e.getMessage()
                            + " is not on the executor's classpath (is it in the application jar?)", e);
                }
                READ.put(key, s);
            }
            return (SearchSpace<C>) s;
        }
    }

    /** Builds a candidate on an executor from its name. */
    private static final class Build implements SparkCandidate.ModelFactory {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final Broadcast<byte[]> shipped;
        private final String name;

        Build(String key, Broadcast<byte[]> shipped, String name) {
            this.key = key;
            this.shipped = shipped;
            this.name = name;
        }

        @Override
        public Model build() {
            SearchSpace<Object> s = space(key, shipped);
            return s.build(s.parse(name));
        }
    }

    @Override
    public String toString() {
        return "SparkFitness" + names() + "{" + space.id() + "}";
    }

    /**
     * Options of a {@link SparkFitness}: the {@link SparkRanking} that scores each batch.
     *
     * <pre>{@code
     * SparkFitness<Nb201Cell> f = SparkFitness.builder(sc, space, images)
     *         .ranking(SparkRanking.builder().partitions(8).build()).build();
     * }</pre>
     *
     * @param <C> the candidate type
     */
    public static final class Builder<C> {
        private final JavaSparkContext sc;
        private final SearchSpace<C> space;
        private final INDArray[] probe;
        private SparkRanking ranking = SparkRanking.builder().build();

        private Builder(JavaSparkContext sc, SearchSpace<C> space, INDArray... probe) {
            this.sc = Preconditions.checkNotNull(sc, "sc");
            this.space = Preconditions.checkNotNull(space, "space");
            Preconditions.checkNotNull(probe, "probe");
            Preconditions.checkArgument(probe.length > 0, "no probe array given");
            for (int k = 0; k < probe.length; k++) {
                Preconditions.checkArgument(probe[k] != null, "probe array %s is null", k);
            }
            this.probe = probe.clone();
        }

        /**
         * The ranking that scores each batch: its {@code ArchitectureRanking} (scorer options, fresh weights),
         * partitions and output (default {@code SparkRanking.builder().build()}).
         *
         * @param ranking not null
         * @return this builder
         */
        public Builder<C> ranking(SparkRanking ranking) {
            this.ranking = Preconditions.checkNotNull(ranking, "ranking");
            return this;
        }

        /**
         * Builds the fitness.
         *
         * @return the fitness
         * @throws IllegalArgumentException when the space cannot be serialised
         */
        public SparkFitness<C> build() {
            return new SparkFitness<>(this);
        }
    }
}
