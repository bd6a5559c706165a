/**
 * NEAR during training: {@link org.neardl4j.listener.NearListener}, a DL4J training listener that scores the network
 * on a fixed probe batch as it trains, and its immutable history ({@link org.neardl4j.listener.NearRecord},
 * {@link org.neardl4j.listener.NearHistory}).
 */
package org.neardl4j.listener;
