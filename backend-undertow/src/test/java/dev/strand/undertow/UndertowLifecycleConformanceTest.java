package dev.strand.undertow;

import dev.strand.conformance.LifecycleContract;
import dev.strand.spi.Backend;

class UndertowLifecycleConformanceTest extends LifecycleContract {
  @Override
  protected Backend backend() {
    return new UndertowBackend();
  }
}
