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
