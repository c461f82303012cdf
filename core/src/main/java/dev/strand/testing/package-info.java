/**
 * Testing handlers without a server: {@link dev.strand.testing.TestClient} runs a handler through
 * Strand's full request pipeline in memory, like Go's {@code net/http/httptest}.
 */
package dev.strand.testing;
