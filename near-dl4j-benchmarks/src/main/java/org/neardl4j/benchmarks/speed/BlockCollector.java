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

import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neardl4j.capture.ActivationSink;
import org.neardl4j.capture.MatrixSite;
import org.neardl4j.capture.ModelCapture;
import org.neardl4j.sampling.ActivationLayout;
import org.neardl4j.sampling.BlockMode;
import org.neardl4j.sampling.BlockSampler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs NEAR's capture by hand (the public {@code capture} and {@code sampling} API) to time its parts separately
 * and to keep the blocks, so that every effective-rank method can be compared on real network blocks.
 *
 * <pre>{@code
 * BlockCollector.Blocks b = BlockCollector.collect(net, batches);
 * System.out.println(b.blocks.size() + " blocks, forward+capture " + b.captureSeconds + " s");
 * }</pre>
 */
public final class BlockCollector {

    /** What one collection gave. */
    public static final class Blocks {
        /** The blocks, in forward order. */
        public final List<INDArray> blocks;
        /** Their sites. */
        public final List<MatrixSite> sites;
        /** Time to build the working copy of the model. */
        public final double copySeconds;
        /** Time of the capturing forward passes (block cutting included). */
        public final double captureSeconds;

        Blocks(List<INDArray> blocks, List<MatrixSite> sites, double copySeconds, double captureSeconds) {
            this.blocks = blocks;
            this.sites = sites;
            this.copySeconds = copySeconds;
            this.captureSeconds = captureSeconds;
        }
    }

    private BlockCollector() {
    }

    /** Feeds {@code batches} (one input array each) until every block is complete; random blocks, seed 1. */
    public static Blocks collect(Model model, List<INDArray> batches) {
        long t0 = System.nanoTime();
        ModelCapture capture = ModelCapture.of(model);
        long t1 = System.nanoTime();
        Map<MatrixSite, BlockSampler> samplers = new LinkedHashMap<>();
        SplittableRandom seeds = new SplittableRandom(1);
        for (MatrixSite s : capture.sites()) {
            samplers.put(s, new BlockSampler(BlockMode.RANDOM, seeds.split()));
        }
        ActivationSink sink = new ActivationSink() {
            @Override
            public void accept(MatrixSite site, INDArray activation, ActivationLayout layout) {
                samplers.get(site).accept(activation, layout);
            }

            @Override
            public boolean wants(MatrixSite site) {
                return !samplers.get(site).isComplete();
            }
        };
        for (INDArray b : batches) {
            if (samplers.values().stream().allMatch(BlockSampler::isComplete)) {
                break;
            }
            capture.forward(new INDArray[] {b}, sink);
        }
        long t2 = System.nanoTime();
        List<INDArray> blocks = new ArrayList<>();
        List<MatrixSite> sites = new ArrayList<>();
        for (Map.Entry<MatrixSite, BlockSampler> e : samplers.entrySet()) {
            if (e.getValue().columns() > 0) {
                blocks.add(e.getValue().block());
                sites.add(e.getKey());
            }
        }
        return new Blocks(blocks, sites, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }
}
