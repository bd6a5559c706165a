/**
 * Not part of the API: the JSON codec the results of every package share. At the bottom of the package layering
 * (it imports no other package of the library).
 */
package org.neardl4j.internal;
