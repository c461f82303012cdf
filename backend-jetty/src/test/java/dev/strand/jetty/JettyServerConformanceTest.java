package dev.strand.jetty;

import dev.strand.conformance.ServerContract;
import dev.strand.spi.Backend;

class JettyServerConformanceTest extends ServerContract {
  @Override
  protected Backend backend() {
    return new JettyBackend();
  }
}
