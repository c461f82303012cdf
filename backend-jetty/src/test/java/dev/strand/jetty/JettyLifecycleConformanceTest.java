package dev.strand.jetty;

import dev.strand.conformance.LifecycleContract;
import dev.strand.spi.Backend;

class JettyLifecycleConformanceTest extends LifecycleContract {
  @Override
  protected Backend backend() {
    return new JettyBackend();
  }
}
