package dev.strand.jetty;

import dev.strand.conformance.ProblemContract;
import dev.strand.spi.Backend;

class JettyProblemConformanceTest extends ProblemContract {
  @Override
  protected Backend backend() {
    return new JettyBackend();
  }
}
