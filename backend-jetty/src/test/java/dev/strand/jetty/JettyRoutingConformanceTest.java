package dev.strand.jetty;

import dev.strand.conformance.RoutingContract;
import dev.strand.spi.Backend;

class JettyRoutingConformanceTest extends RoutingContract {
  @Override
  protected Backend backend() {
    return new JettyBackend();
  }
}
