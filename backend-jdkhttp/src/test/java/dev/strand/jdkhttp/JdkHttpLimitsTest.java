package dev.strand.jdkhttp;

import dev.strand.conformance.LimitsContract;
import dev.strand.spi.Backend;

class JdkHttpLimitsTest extends LimitsContract {
  @Override
  protected Backend backend() {
    return new JdkHttpBackend();
  }
}
