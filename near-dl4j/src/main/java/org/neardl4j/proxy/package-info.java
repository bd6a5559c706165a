/**
 * Zero-cost proxies other than NEAR, for comparing with NEAR on DL4J networks: parameter count, NASWOT,
 * grad_norm, SNIP, SynFlow, jacob_cov, ZiCo, MeCo, and NEAR itself behind the same {@link
 * org.neardl4j.proxy.ZeroCostProxy} interface. Every proxy works on private copies and never changes the
 * user's network.
 */
package org.neardl4j.proxy;
