package dev.strand.jdkhttp;

import dev.strand.conformance.ProblemContract;
import dev.strand.spi.Backend;

class JdkHttpProblemTest extends ProblemContract {
  @Override
  protected Backend backend() {
    return new JdkHttpBackend();
  }
}
