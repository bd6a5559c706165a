/**
 * Scoring and ranking whole search spaces with NEAR on an Apache Spark cluster.
 *
 * <p>{@link org.neardl4j.spark.SparkRanking} ranks {@link org.neardl4j.spark.SparkCandidate}s (serialisable
 * descriptions that executors build themselves) and returns the {@code RankingResult} that
 * {@code ArchitectureRanking} gives on one machine; {@link org.neardl4j.spark.SparkRankingMain} is the
 * {@code spark-submit} entry point. See {@code docs/SPARK.md}.
 */
package org.neardl4j.spark;
