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
package org.neardl4j.sampling;

/**
 * Where the square block of rows that NEAR scores starts within the rows a layer produced.
 *
 * <pre>{@code
 * NearScorer scorer = NearScorer.builder().blockMode(BlockMode.FIRST).build();
 * }</pre>
 */
public enum BlockMode {
    /** Every block starts at row 0: deterministic, the convention of the parity data. */
    FIRST,
    /**
     * The start is drawn with the scorer's own seeded generator among the starts where a full block fits,
     * aligned to the start of a line (a block of {@code Q} rows for dense outputs, a column strip of a
     * feature map, a sequence of a recurrent output). This is the method's default.
     */
    RANDOM
}
