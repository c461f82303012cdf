package dev.strand.snippets;

import dev.strand.conformance.ServerContract;
import dev.strand.spi.Backend;

class LoopbackServerContractTest extends ServerContract {
  @Override
  protected Backend backend() {
    return new LoopbackBackend();
  }
}
