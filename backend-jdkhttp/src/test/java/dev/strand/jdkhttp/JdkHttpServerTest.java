package dev.strand.jdkhttp;

import dev.strand.conformance.ServerContract;
import dev.strand.spi.Backend;

class JdkHttpServerTest extends ServerContract {
  @Override
  protected Backend backend() {
    return new JdkHttpBackend();
  }
}
