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
package org.neardl4j.capture;

import java.util.function.Supplier;

/**
 * For tests that compare the library's fast paths with DL4J's own code: runs a body with the system property
 * {@value FastLayers#PROPERTY} set, then restores it. The property is read when a capture or a proxy's working copy
 * is built, so the body must build it.
 *
 * <pre>{@code
 * NearResult dl4j = FastLayersSwitch.with(false, () -> NearScorer.defaults().score(net, x));
 * }</pre>
 */
public final class FastLayersSwitch {

    private FastLayersSwitch() {
    }

    /**
     * Runs {@code body} with the fast paths on or off.
     *
     * @param enabled the value of {@value FastLayers#PROPERTY} while the body runs
     * @param body    what to run
     * @param <T>     the body's result type
     * @return the body's result
     */
    public static <T> T with(boolean enabled, Supplier<T> body) {
        String old = System.getProperty(FastLayers.PROPERTY);
        System.setProperty(FastLayers.PROPERTY, Boolean.toString(enabled));
        try {
            return body.get();
        } finally {
            if (old == null) {
                System.clearProperty(FastLayers.PROPERTY);
            } else {
                System.setProperty(FastLayers.PROPERTY, old);
            }
        }
    }
}
