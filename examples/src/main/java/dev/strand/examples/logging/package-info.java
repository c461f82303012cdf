/**
 * The examples' one piece of Logback glue, named in {@code logback.xml}.
 */
@CheckReturnValue
package dev.strand.examples.logging;

import dev.strand.CheckReturnValue;
