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
package org.neardl4j.space;

import com.google.common.base.Preconditions;

import java.util.Optional;

/**
 * The five operations of an NAS-Bench-201 cell edge, with their tokens in NAS-Bench-201's cell notation. The
 * declaration order is NAS-Bench-201's own operation order ({@code none, skip_connect, nor_conv_1x1,
 * nor_conv_3x3, avg_pool_3x3}).
 *
 * <pre>{@code
 * Nb201Op op = Nb201Op.ofToken("nor_conv_3x3").orElseThrow();   // NOR_CONV_3X3
 * String t = Nb201Op.AVG_POOL_3X3.token();                       // "avg_pool_3x3"
 * }</pre>
 */
public enum Nb201Op {
    /** The edge is absent: it contributes zero to its target node. */
    NONE("none"),
    /** Identity. */
    SKIP_CONNECT("skip_connect"),
    /** ReLU, 1x1 convolution (stride 1, no bias, no padding), batch normalisation. */
    NOR_CONV_1X1("nor_conv_1x1"),
    /** ReLU, 3x3 convolution (stride 1, no bias, padding 1), batch normalisation. */
    NOR_CONV_3X3("nor_conv_3x3"),
    /** 3x3 average pooling, stride 1, padding 1, padded positions not counted in the average. */
    AVG_POOL_3X3("avg_pool_3x3");

    private final String token;

    Nb201Op(String token) {
        this.token = token;
    }

    /**
     * The token of this operation in NAS-Bench-201's notation.
     *
     * @return e.g. {@code "nor_conv_3x3"}
     */
    public String token() {
        return token;
    }

    /**
     * Whether the operation is a ReLU-convolution-batch-normalisation block (it has weights).
     *
     * @return true for {@link #NOR_CONV_1X1} and {@link #NOR_CONV_3X3}
     */
    public boolean isConvolution() {
        return this == NOR_CONV_1X1 || this == NOR_CONV_3X3;
    }

    /**
     * The kernel size of a convolution operation.
     *
     * @return 1 or 3
     * @throws IllegalStateException if this is not a convolution
     */
    public int kernel() {
        Preconditions.checkState(isConvolution(), "%s is not a convolution", token);
        return this == NOR_CONV_1X1 ? 1 : 3;
    }

    /**
     * The operation with this token.
     *
     * @param token a token such as {@code "skip_connect"} (exact, case-sensitive)
     * @return the operation, or empty if the token is not one of the five
     */
    public static Optional<Nb201Op> ofToken(String token) {
        for (Nb201Op op : values()) {
            if (op.token.equals(token)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
