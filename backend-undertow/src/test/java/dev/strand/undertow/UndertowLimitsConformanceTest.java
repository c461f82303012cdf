package dev.strand.undertow;

import dev.strand.conformance.LimitsContract;
import dev.strand.spi.Backend;

class UndertowLimitsConformanceTest extends LimitsContract {
  @Override
  protected Backend backend() {
    return new UndertowBackend();
  }
}
