/**
 * The seed's minimal server: {@code GET /} answers {@code Hello from Strand}.
 */
@CheckReturnValue
package dev.strand.examples.hello;

import dev.strand.CheckReturnValue;
