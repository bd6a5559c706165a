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
package org.neardl4j.tune;

import com.google.common.base.Preconditions;

import java.io.Serializable;

/**
 * A candidate that could not be built or scored (a bad configuration, NaN activations, out of memory), as a
 * {@link RankingResult} reports it when failures are isolated ({@link ArchitectureRanking.Builder#isolateFailures}).
 *
 * <pre>{@code
 * for (CandidateFailure f : ranking.failures()) {
 *     System.err.println(f.name() + ": " + f.error());
 * }
 * }</pre>
 *
 * @param name  the candidate's name
 * @param type  the class of the error, e.g. {@code java.lang.IllegalStateException}
 * @param error the error's message, naming the layer or option where the library knows it
 * @serial exclude
 */
public record CandidateFailure(String name, String type, String error) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the fields.
     *
     * @param error the error's message; not null
     * @param name  the candidate's name; not null
     * @param type  the fully qualified class name of the error; not null
     * @throws NullPointerException if a field is null
     */
    public CandidateFailure {
        Preconditions.checkNotNull(name, "name");
        Preconditions.checkNotNull(type, "type");
        Preconditions.checkNotNull(error, "error");
    }

    /**
     * The failure of a candidate from the error it threw.
     *
     * @param name  the candidate's name
     * @param error what was thrown
     * @return the failure, with the message of the error (its class name when it has none)
     */
    public static CandidateFailure of(String name, Throwable error) {
        Preconditions.checkNotNull(error, "error");
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getName();
        return new CandidateFailure(name, error.getClass().getName(), message);
    }

    @Override
    public String toString() {
        return name + ": " + error + " (" + type + ")";
    }
}
