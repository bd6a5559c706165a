package org.neardl4j.listener;

/**
 * What made a {@link NearListener} compute a score.
 *
 * <pre>{@code
 * for (NearRecord r : listener.history().records()) {
 *     if (r.trigger() == NearTrigger.START) { ... }   // the untrained model
 * }
 * }</pre>
 */
public enum NearTrigger {
    /** Once, before the first parameter update the listener saw (the "epoch 0" score). */
    START("start"),
    /** At the start of an epoch (fit on an iterator). */
    EPOCH_START("epoch_start"),
    /** At the end of an epoch (fit on an iterator). */
    EPOCH_END("epoch_end"),
    /** After a parameter update (every fit call on arrays, every minibatch on an iterator). */
    ITERATION_END("iteration_end");

    private final String label;

    NearTrigger(String label) {
        this.label = label;
    }

    /**
     * Lower-case name as written to CSV and JSON, e.g. {@code epoch_end}.
     *
     * @return lower-case name as written to CSV and JSON, e.g
     */
    public String label() {
        return label;
    }
}
