package dev.strand.jdkhttp;

import dev.strand.conformance.LifecycleContract;
import dev.strand.spi.Backend;

class JdkHttpLifecycleTest extends LifecycleContract {
  @Override
  protected Backend backend() {
    return new JdkHttpBackend();
  }
}
