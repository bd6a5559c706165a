/**
 * Taking NEAR matrices out of DL4J forward passes: {@link org.neardl4j.capture.ModelCapture} runs a private
 * working copy of a MultiLayerNetwork or ComputationGraph and hands each pre- and post-activation to an
 * {@link org.neardl4j.capture.ActivationSink}.
 */
package org.neardl4j.capture;
