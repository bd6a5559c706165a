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
 * Search spaces for NEAR: NAS-Bench-201's cells ({@link org.neardl4j.space.Nb201Cell}, parse, validate,
 * enumerate the 15,625), its datasets ({@link org.neardl4j.space.Nb201Dataset}: CIFAR-10, CIFAR-100,
 * ImageNet16-120) and the network around a cell for each ({@link org.neardl4j.space.Nb201Network}); NAS-Bench-101's
 * cells ({@link org.neardl4j.space.Nb101Cell}: parse, validate and prune as its API does) and its CIFAR-10 network
 * ({@link org.neardl4j.space.Nb101Network}); all networks are DL4J {@code ComputationGraph}s, their weights drawn as
 * one {@link org.neardl4j.space.Initialisation} says (distribution, data type, seed).
 */
package org.neardl4j.space;
