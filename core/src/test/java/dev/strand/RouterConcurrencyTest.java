package dev.strand;

import static dev.strand.RouterTest.ECHO;
import static dev.strand.RouterTest.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Registering while serving, from many threads. */
class RouterConcurrencyTest {

  private static final int WRITERS = 4;
  private static final int PER_WRITER = 250;
  private static final int READERS = 4;

  @Test
  void concurrentRegistrationAndServingNeverFailsOrMisroutes() throws Exception {
    Router r = Router.create().handle("GET /fixed/{id}", ECHO);
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger served = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          await(start);
          for (int i = 0; i < PER_WRITER; i++) {
            r.handle("GET /w" + writer + "/r" + i + "/{x}", ECHO);
          }
          return null;
        }));
      }
      List<Future<?>> readers = new ArrayList<>();
      for (int t = 0; t < READERS; t++) {
        int reader = t;
        readers.add(pool.submit(() -> {
          await(start);
          int i = 0;
          while (writing.get() || i < 50) {
            try {
              int writer = (reader + i) % WRITERS;
              int route = i % PER_WRITER;
              Response res = serve(r, "GET", "/w" + writer + "/r" + route + "/v" + i);
              if (res.status() == 200) {
                assertEquals("GET /w" + writer + "/r" + route + "/{x}", res.bodyText());
                assertEquals("{x=v" + i + "}", res.header("X-Values"));
              } else {
                assertEquals(404, res.status(), res.bodyText()); // not registered yet
              }
              Response fixed = serve(r, "GET", "/fixed/" + i);
              assertEquals("{id=" + i + "}", fixed.header("X-Values"));
              served.incrementAndGet();
            } catch (Throwable e) {
              failures.add(e);
              return;
            }
            i++;
          }
        }));
      }
      start.countDown();
      for (Future<?> f : writers) {
        f.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      for (Future<?> f : readers) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "readers finished");
    }
    assertEquals(List.of(), List.copyOf(failures));
    assertTrue(served.get() >= READERS * 50, "served " + served.get());
    assertEquals(1 + WRITERS * PER_WRITER, r.patterns().size());
    for (int w = 0; w < WRITERS; w++) {
      for (int i = 0; i < PER_WRITER; i += 17) {
        assertEquals("GET /w" + w + "/r" + i + "/{x}", serve(r, "GET", "/w" + w + "/r" + i + "/z").bodyText());
      }
    }
  }

  @Test
  void racingRegistrationsOfTheSamePatternLetExactlyOneWin() throws Exception {
    for (int round = 0; round < 20; round++) {
      Router r = Router.create();
      int threads = 8;
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger won = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          all.add(pool.submit(() -> {
            await(start);
            try {
              r.handle("GET /same/{id}", ECHO);
              won.incrementAndGet();
            } catch (IllegalArgumentException e) {
              refused.incrementAndGet();
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : all) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdown();
      }
      assertEquals(1, won.get());
      assertEquals(threads - 1, refused.get());
      assertEquals(List.of("GET /same/{id}"), r.patterns());
    }
  }

  @Test
  void middlewareAddedWhileServingAppliesToLaterRequests() throws Exception {
    Router r = Router.create().handle("GET /m", ECHO);
    assertEquals(null, serve(r, "GET", "/m").header("X-Mw"));
    r.use(next -> (ctx, req) -> next.serve(ctx, req).withHeader("X-Mw", "on"));
    assertEquals("on", serve(r, "GET", "/m").header("X-Mw"));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("start latch timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
