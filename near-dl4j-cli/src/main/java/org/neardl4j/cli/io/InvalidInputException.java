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
package org.neardl4j.cli.io;

/**
 * A model file or input file that cannot be used, with a one-line message naming the file and the problem.
 *
 * <pre>{@code
 * try {
 *     INDArray x = NpyFiles.read(Paths.get("x.npy"));
 * } catch (InvalidInputException e) {
 *     System.err.println(e.getMessage());   // e.g. "input x.npy is empty (shape [0, 784])"
 * }
 * }</pre>
 */
public final class InvalidInputException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The most informative message of a failure and its causes, on one line: line breaks and runs of white
     * space become single spaces, and very long messages are shortened.
     */
    public static String oneLine(Throwable t) {
        String message = null;
        for (Throwable c = t; c != null && message == null; c = c.getCause()) {
            String m = c.getMessage();
            boolean justWrapsCause = m != null && c.getCause() != null && m.equals(c.getCause().toString());
            if (m != null && !m.isBlank() && !justWrapsCause) {
                message = m;
            }
        }
        if (message == null) {
            message = t.getClass().getSimpleName();
        }
        String line = message.replaceAll("\\s+", " ").trim();
        return line.length() <= 600 ? line : line.substring(0, 597) + "...";
    }
}
