package dev.strand.snippets;

import dev.strand.conformance.ProblemContract;
import dev.strand.spi.Backend;

class LoopbackProblemContractTest extends ProblemContract {
  @Override
  protected Backend backend() {
    return new LoopbackBackend();
  }
}
