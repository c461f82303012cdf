package dev.strand.undertow;

import dev.strand.conformance.ServerContract;
import dev.strand.spi.Backend;

class UndertowServerConformanceTest extends ServerContract {
  @Override
  protected Backend backend() {
    return new UndertowBackend();
  }
}
