package dev.strand.jdkhttp;

import dev.strand.conformance.RoutingContract;
import dev.strand.spi.Backend;

class JdkHttpRoutingTest extends RoutingContract {
  @Override
  protected Backend backend() {
    return new JdkHttpBackend();
  }
}
