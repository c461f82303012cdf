package dev.strand.snippets;

import dev.strand.conformance.RoutingContract;
import dev.strand.spi.Backend;

class LoopbackRoutingContractTest extends RoutingContract {
  @Override
  protected Backend backend() {
    return new LoopbackBackend();
  }
}
