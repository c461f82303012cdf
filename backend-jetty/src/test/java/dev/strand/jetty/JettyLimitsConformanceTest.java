package dev.strand.jetty;

import dev.strand.conformance.LimitsContract;
import dev.strand.spi.Backend;

class JettyLimitsConformanceTest extends LimitsContract {
  @Override
  protected Backend backend() {
    return new JettyBackend();
  }
}
