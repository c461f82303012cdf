package dev.strand;

import dev.strand.testing.TestClient;
import java.time.Duration;

/**
 * Warmup runs the pipeline's paths once, so timing assertions measure Strand and not a cold JVM
 * loading Jackson, logback and the virtual-thread scheduler on a busy machine.
 */
public final class Warmup {
  private Warmup() {}

  private static volatile boolean done;

  /** Serves a few requests through the in-memory pipeline: a problem, a panic-free 504, a JSON body. */
  public static void pipeline() {
    if (done) {
      return;
    }
    TestClient quick = TestClient.of((ctx, req) -> Response.json(java.util.Map.of("a", 1)), ServerConfig.defaults().withAccessLog(false));
    int total = quick.get("/").status() + quick.get("/a%zz").status();
    TestClient slow =
        TestClient.of(
            (ctx, req) -> {
              Result<Duration, ContextError> unused = ctx.sleep(Duration.ofSeconds(5));
              return Response.text("late");
            },
            ServerConfig.defaults().withRequestTimeout(Duration.ofMillis(10)).withAccessLog(false));
    total += slow.get("/").status();
    done = total > 0;
  }
}
