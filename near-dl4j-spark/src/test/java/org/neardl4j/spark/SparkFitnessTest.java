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

import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neardl4j.score.NearScorer;
import org.neardl4j.search.ArchitectureSearch;
import org.neardl4j.search.ChoiceSpace;
import org.neardl4j.search.Choices;
import org.neardl4j.search.Evaluation;
import org.neardl4j.search.Fitness;
import org.neardl4j.search.Nb201Space;
import org.neardl4j.search.SearchResult;
import org.neardl4j.search.SearchSpace;
import org.neardl4j.search.Strategy;
import org.neardl4j.space.Initialisation;
import org.neardl4j.space.Nb201Cell;
import org.neardl4j.space.Nb201Network;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.Candidate;
import org.neardl4j.tune.RankingResult;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A search whose batches are scored on {@code local[2]} by {@link SparkFitness} gives the history of the same search
 * scored in this JVM by the same {@link ArchitectureRanking}, one candidate at a time: names, order, values bit for
 * bit.
 */
class SparkFitnessTest {

    /** A small NB201 network (C = 4, one cell per stage) on 10 random CIFAR-sized images. */
    private static final Nb201Network NETWORK = Nb201Network.builder().channels(4).cellsPerStage(1).initialisation(Initialisation.seeded(3)).build();
    private static final INDArray IMAGES = images(10, 21);
    private static final ArchitectureRanking RANKING = ArchitectureRanking.builder()
            .scorer(NearScorer.builder().repetitions(1).seed(7).build()).build();
    private static final SparkRanking SPARK = SparkRanking.builder().ranking(RANKING).build();

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = SparkFixtures.context("local[2]");
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.close();
        }
    }

    private static INDArray images(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 3 * 32 * 32];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return Nd4j.create(x, new long[] {n, 3, 32, 32}, 'c');
    }

    private static List<Nb201Cell> cells(int n, long seed) {
        List<Nb201Cell> all = new ArrayList<>(Nb201Cell.all());
        Collections.shuffle(all, new Random(seed));
        return all.subList(0, n);
    }

    /** NEAR in this JVM: the ranking of the candidate alone, written here from ArchitectureRanking's public API. */
    static final class Local<C> implements Fitness<C> {
        final SearchSpace<C> space;
        final INDArray[] probe;
        final List<Integer> batches = new ArrayList<>();

        Local(SearchSpace<C> space, INDArray... probe) {
            this.space = space;
            this.probe = probe;
        }

        @Override
        public List<String> names() {
            return List.of("near");
        }

        @Override
        public double[] score(C c) {
            String name = space.name(c);
            RankingResult r = SPARK.local().rank(List.of(Candidate.ofSupplier(name, () -> space.build(c))), probe);
            return new double[] {r.failures().isEmpty() ? r.get(name).score() : Double.NaN};
        }

        @Override
        public List<double[]> scoreAll(List<C> candidates) {
            batches.add(candidates.size());
            return Fitness.super.scoreAll(candidates);
        }
    }

    private static List<String> history(SearchResult<?> r) {
        return r.evaluations().stream().map(e -> e.index() + " " + e.name() + " " + e.origin() + " "
                + Double.doubleToRawLongBits(e.values().get(0)) + " (" + e.values().get(0) + ")")
                .collect(Collectors.toList());
    }

    @Test
    void aSearchScoredOnSparkHasTheHistoryOfTheSameSearchScoredHere() {
        Nb201Space space = Nb201Space.of(NETWORK, cells(24, 1));
        SparkFitness<Nb201Cell> remote = SparkFitness.builder(sc, space, IMAGES).ranking(SPARK).build();
        assertEquals(List.of("near"), remote.names());
        for (Strategy strategy : List.of(Strategy.random(), Strategy.evolution(4, 2))) {
            int budget = strategy.kind().equals("random") ? 8 : 12;
            SearchResult<Nb201Cell> onSpark = ArchitectureSearch.builder(space, remote).strategy(strategy)
                    .budget(budget).seed(5).batch(4).build().run();
            Local<Nb201Cell> here = new Local<>(space, IMAGES);
            SearchResult<Nb201Cell> local = ArchitectureSearch.builder(space, here).strategy(strategy).budget(budget)
                    .seed(5).batch(4).build().run();
            assertEquals(history(local), history(onSpark), strategy.toString());
            assertEquals(Collections.nCopies(budget / 4, 4), here.batches);
            onSpark.evaluations().forEach(e -> assertFalse(e.values().get(0).isNaN(), e.name()));

            // batch 1 against batch 4 here: random sampling scores the same cells in the same order; evolution the
            // same population, then another walk; a cell scored by both has the same value whatever the batch
            Local<Nb201Cell> one = new Local<>(space, IMAGES);
            SearchResult<Nb201Cell> single = ArchitectureSearch.builder(space, one).strategy(strategy).budget(budget)
                    .seed(5).build().run();
            assertEquals(Collections.nCopies(budget, 1), one.batches);
            if (strategy.kind().equals("random")) {
                assertEquals(history(local), history(single));
            } else {
                assertEquals(history(local).subList(0, 4), history(single).subList(0, 4));
                assertNotEquals(names(local), names(single));
                Map<String, List<Double>> a = values(local);
                values(single).forEach((n, v) -> {
                    if (a.containsKey(n)) {
                        assertEquals(a.get(n), v, n);
                    }
                });
            }
        }
        // SparkFitness.local(): the same values in this JVM
        Nb201Cell c = space.enumerate().orElseThrow().get(3);
        assertEquals(remote.score(c)[0], remote.local().score(c)[0]);
        assertEquals(new Local<>(space, IMAGES).score(c)[0], remote.local().score(c)[0]);
    }

    private static List<String> names(SearchResult<?> r) {
        return r.evaluations().stream().map(Evaluation::name).collect(Collectors.toList());
    }

    private static Map<String, List<Double>> values(SearchResult<?> r) {
        Map<String, List<Double>> m = new HashMap<>();
        r.evaluations().forEach(e -> m.put(e.name(), e.values()));
        return m;
    }

    /** An NB201 subset whose network for one cell cannot be built. */
    static final class OneBroken implements SearchSpace<Nb201Cell>, Serializable {
        private static final long serialVersionUID = 1L;
        final Nb201Space inner;
        final String broken;

        OneBroken(Nb201Space inner, String broken) {
            this.inner = inner;
            this.broken = broken;
        }

        @Override
        public String id() {
            return "broken-" + inner.id();
        }

        @Override
        public Nb201Cell sample(SplittableRandom rng) {
            return inner.sample(rng);
        }

        @Override
        public Nb201Cell mutate(Nb201Cell parent, SplittableRandom rng) {
            return inner.mutate(parent, rng);
        }

        @Override
        public String name(Nb201Cell candidate) {
            return inner.name(candidate);
        }

        @Override
        public Nb201Cell parse(String name) {
            return inner.parse(name);
        }

        @Override
        public Model build(Nb201Cell candidate) {
            if (candidate.toString().equals(broken)) {
                throw new IllegalStateException("no network for this cell");
            }
            return inner.build(candidate);
        }

        @Override
        public Optional<List<Nb201Cell>> enumerate() {
            return inner.enumerate();
        }
    }

    @Test
    void aCandidateThatFailsIsNaNAndRankedLast() {
        List<Nb201Cell> five = cells(5, 2);
        OneBroken space = new OneBroken(Nb201Space.of(NETWORK, five), five.get(2).toString());
        SparkFitness<Nb201Cell> remote = SparkFitness.builder(sc, space, IMAGES).ranking(SPARK).build();
        SearchResult<Nb201Cell> r = ArchitectureSearch.builder(space, remote).strategy(Strategy.exhaustive()).batch(5)
                .top(5).build().run();
        SearchResult<Nb201Cell> local = ArchitectureSearch.builder(space, new Local<>(space, IMAGES))
                .strategy(Strategy.exhaustive()).batch(5).top(5).build().run();
        assertEquals(history(local), history(r));
        assertTrue(r.evaluations().get(2).values().get(0).isNaN());
        assertEquals(five.get(2), r.finalists().get(4));
        assertEquals(4, r.evaluations().stream().filter(e -> !e.values().get(0).isNaN()).count());
    }

    private static Model mlp(Choices c) {
        MultiLayerNetwork n = new MultiLayerNetwork(SparkFixtures.mlp(c.get("width", Integer.class), 1,
                Activation.valueOf(c.get("activation", String.class)), 11));
        n.init();
        return n;
    }

    @Test
    void aChoiceSpaceIsShippedWhenItsTemplateIsSerialisableAndRefusedOtherwise() {
        ChoiceSpace serialisable = ChoiceSpace.builder().choice("width", List.of(8, 24))
                .choice("activation", List.of("RELU", "TANH"))
                .template((Function<Choices, Model> & Serializable) SparkFitnessTest::mlp).build();
        INDArray x = SparkFixtures.probe(32, 4).castTo(DataType.FLOAT);
        SparkFitness<Choices> remote = SparkFitness.builder(sc, serialisable, x).ranking(SPARK).build();
        List<Choices> all = serialisable.enumerate().orElseThrow();
        List<double[]> got = remote.scoreAll(all);
        Local<Choices> here = new Local<>(serialisable, x);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(here.score(all.get(i))[0], got.get(i)[0], all.get(i).toString());
        }

        ChoiceSpace plain = ChoiceSpace.builder().choice("width", List.of(8, 24))
                .template(c -> mlp(c)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkFitness.builder(sc, plain, x).build());
        assertTrue(e.getMessage().contains("cannot be serialised") && e.getMessage().contains("template"),
                e.getMessage());
        SearchSpace<Nb201Cell> anonymous = new SearchSpace<>() {
            @Override
            public String id() {
                return "anonymous";
            }

            @Override
            public Nb201Cell sample(SplittableRandom rng) {
                return null;
            }

            @Override
            public Nb201Cell mutate(Nb201Cell parent, SplittableRandom rng) {
                return null;
            }

            @Override
            public String name(Nb201Cell candidate) {
                return "";
            }

            @Override
            public Nb201Cell parse(String name) {
                return null;
            }

            @Override
            public Model build(Nb201Cell candidate) {
                return null;
            }
        };
        e = assertThrows(IllegalArgumentException.class, () -> SparkFitness.builder(sc, anonymous, x).build());
        assertTrue(e.getMessage().contains("anonymous") && e.getMessage().contains("not Serializable"),
                e.getMessage());

        // a ranking with a limit would leave candidates of a batch unscored
        SparkFitness<Choices> limited = SparkFitness.builder(sc, serialisable, x)
                .ranking(SparkRanking.builder().ranking(RANKING).limit(1).build()).build();
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> limited.scoreAll(all.subList(0, 2)));
        assertTrue(s.getMessage().contains("left unscored"), s.getMessage());
    }
}
