/** Strand's internals: not part of the API, may change in any release. */
package dev.strand.internal;
