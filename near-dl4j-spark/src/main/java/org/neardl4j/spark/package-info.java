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
/**
 * Scoring and ranking whole search spaces with NEAR on an Apache Spark cluster.
 *
 * <p>{@link org.neardl4j.spark.SparkRanking} ranks {@link org.neardl4j.spark.SparkCandidate}s (serialisable
 * descriptions that executors build themselves) and returns the {@code RankingResult} that
 * {@code ArchitectureRanking} gives on one machine; {@link org.neardl4j.spark.SparkRankingMain} is the
 * {@code spark-submit} entry point. {@link org.neardl4j.spark.SparkFitness} scores the batches of an
 * {@code ArchitectureSearch} on the cluster, and {@link org.neardl4j.spark.SparkSearchMain} is the entry point of such
 * a search. See {@code docs/SPARK.md}.
 */
package org.neardl4j.spark;
