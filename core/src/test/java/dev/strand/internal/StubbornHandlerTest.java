package dev.strand.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Handler;
import dev.strand.Response;
import dev.strand.ServerConfig;
import dev.strand.testing.TestClient;
import dev.strand.testing.TestResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A handler that ignores its deadline is answered 504 on time, yet still counts against the limit. */
class StubbornHandlerTest {

  @Test
  void aHandlerRunningPastItsDeadlineKeepsItsConcurrencyPermitUntilItReturns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch exited = new CountDownLatch(1);
    Handler h =
        (ctx, req) -> {
          if (req.path().equals("/stubborn")) {
            try {
              while (true) {
                try {
                  if (release.await(30, TimeUnit.SECONDS)) {
                    return Response.text("late");
                  }
                } catch (InterruptedException ignored) {
                  // ignores its deadline on purpose
                }
              }
            } finally {
              exited.countDown();
            }
          }
          return Response.text("ok");
        };
    TestClient client =
        TestClient.of(h, ServerConfig.defaults().withMaxConcurrentRequests(1).withRequestTimeout(Duration.ofMillis(200)));

    assertEquals(504, client.get("/stubborn").status());
    TestResponse busy = client.get("/quick");
    assertEquals(503, busy.status(), "the stubborn handler still runs, so the one permit is taken");
    assertEquals("1", busy.header("Retry-After"));

    release.countDown();
    assertTrue(exited.await(10, TimeUnit.SECONDS));
    TestResponse ok = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) { // the permit comes back as the handler's thread ends
      ok = client.get("/quick");
      if (ok.status() == 200) {
        break;
      }
      Thread.onSpinWait();
    }
    assertEquals(200, ok.status());
    assertEquals("ok", ok.text());
  }
}
