package dev.strand.undertow;

import dev.strand.conformance.RoutingContract;
import dev.strand.spi.Backend;

class UndertowRoutingConformanceTest extends RoutingContract {
  @Override
  protected Backend backend() {
    return new UndertowBackend();
  }
}
