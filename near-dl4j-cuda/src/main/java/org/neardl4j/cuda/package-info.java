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
 * near-dl4j on the ND4J CUDA backend. Adding the {@code near-dl4j-cuda} artifact brings {@code nd4j-cuda-11.6} for
 * linux-x86_64; the scoring API is the one of {@code near-dl4j} ({@link org.neardl4j.score.NearScorer}) and
 * {@link org.neardl4j.score.Provenance#backend()} of a result tells which backend computed a score.
 * {@link org.neardl4j.cuda.CudaAvailability} checks for a usable device without starting ND4J.
 */
package org.neardl4j.cuda;
