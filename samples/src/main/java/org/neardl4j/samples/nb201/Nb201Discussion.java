package org.neardl4j.samples.nb201;

/** The discussion part of docs/NB201.md (written from the measurements; kept in code so the file is generated). */
final class Nb201Discussion {

    static final String TEXT = """
            ## Discussion

            (to be written from the measurements)
            """;

    private Nb201Discussion() {
    }
}
