package dev.strand.snippets;

import dev.strand.conformance.LifecycleContract;
import dev.strand.spi.Backend;

class LoopbackLifecycleContractTest extends LifecycleContract {
  @Override
  protected Backend backend() {
    return new LoopbackBackend();
  }
}
