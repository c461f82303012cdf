package dev.strand.undertow;

import dev.strand.conformance.ProblemContract;
import dev.strand.spi.Backend;

class UndertowProblemConformanceTest extends ProblemContract {
  @Override
  protected Backend backend() {
    return new UndertowBackend();
  }
}
