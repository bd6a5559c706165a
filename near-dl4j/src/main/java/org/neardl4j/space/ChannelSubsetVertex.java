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

import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's {@link SubsetVertex} (channels {@code from..to}, inclusive, of its input) with the output type of a
 * convolutional input computed right: DL4J 1.0.0-M2.1 gives such a subset {@code from - to + 1} channels (a negative
 * count whenever it keeps more than one), so the layers after it got a wrong {@code nIn}. The values are DL4J's
 * own {@code SubsetVertex}'s; {@link Nb101Network} uses it for NAS-Bench-101's channel truncation.
 *
 * <pre>{@code
 * graphBuilder.addVertex("first42", new ChannelSubsetVertex(0, 41), "conv");   // channels 0..41 of [N, C, H, W]
 * }</pre>
 */
public class ChannelSubsetVertex extends SubsetVertex {

    private static final long serialVersionUID = 1L;

    /**
     * A subset of the channels of its input.
     *
     * @param from first channel kept, 0-based
     * @param to   last channel kept (inclusive)
     */
    @JsonCreator
    public ChannelSubsetVertex(@JsonProperty("from") int from, @JsonProperty("to") int to) {
        super(from, to);
    }

    @Override
    public ChannelSubsetVertex clone() {
        return new ChannelSubsetVertex(getFrom(), getTo());
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length == 1 && vertexInputs[0] instanceof InputType.InputTypeConvolutional c) {
            if (getTo() >= c.getChannels() || getFrom() < 0 || getFrom() > getTo()) {
                throw new InvalidInputTypeException("channel subset " + getFrom() + ".." + getTo() + " of an input with "
                        + c.getChannels() + " channels");
            }
            return InputType.convolutional(c.getHeight(), c.getWidth(), getTo() - getFrom() + 1, c.getFormat());
        }
        return super.getOutputType(layerIndex, vertexInputs);
    }
}
