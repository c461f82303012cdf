/**
 * The founding article's two programs on Strand, behind one launcher, {@link
 * dev.strand.examples.Main}: {@code strand-examples hello} and {@code strand-examples user-api}.
 *
 * <p>Everything here uses only Strand's public API ({@code dev.strand}, {@code dev.strand.model}),
 * as an application would. Every method's return value must be used ({@link
 * dev.strand.CheckReturnValue}), so a dropped {@link dev.strand.Result} fails the build.
 */
@CheckReturnValue
package dev.strand.examples;

import dev.strand.CheckReturnValue;
