package dev.strand.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.CancelableContext;
import dev.strand.Context;
import dev.strand.ContextError;
import dev.strand.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Contexts stay exact under races: every action once, no lost children, no leaked listeners or timers. */
class ContextConcurrencyTest {

  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final int THREADS = 8;

  @Test
  void everyOnDoneActionRunsExactlyOnceWhenCancelRacesWithRegistration() throws Exception {
    int perThread = 25;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int iteration = 0; iteration < 200; iteration++) {
        Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), null);
        AtomicIntegerArray runs = new AtomicIntegerArray(THREADS * perThread);
        AtomicInteger total = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int base = t * perThread;
          futures.add(pool.submit(() -> {
            go.await();
            for (int i = 0; i < perThread; i++) {
              int slot = base + i;
              Context.Registration unused = ctx.onDone(() -> {
                runs.incrementAndGet(slot);
                total.incrementAndGet();
              });
            }
            return null;
          }));
        }
        futures.add(pool.submit(() -> {
          go.await();
          ctx.cancel();
          return null;
        }));
        go.countDown();
        for (Future<?> f : futures) {
          f.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        }
        int expected = THREADS * perThread;
        Eventually.that(BOUND, () -> total.get() == expected, () -> total.get() + " of " + expected + " actions ran");
        for (int i = 0; i < runs.length(); i++) {
          assertEquals(1, runs.get(i), "action " + i + " in iteration " + iteration);
        }
        assertEquals(0, ctx.listenerCount());
      }
    }
  }

  @Test
  void eachActionEitherRunsOrIsStoppedNeverBothWhenStopRacesWithCancel() throws Exception {
    int actions = 64;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int iteration = 0; iteration < 200; iteration++) {
        Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), null);
        AtomicIntegerArray ran = new AtomicIntegerArray(actions);
        CountDownLatch finished = new CountDownLatch(actions);
        List<Context.Registration> regs = new ArrayList<>();
        for (int i = 0; i < actions; i++) {
          int slot = i;
          regs.add(ctx.onDone(() -> {
            ran.incrementAndGet(slot);
            finished.countDown();
          }));
        }
        boolean[] stopped = new boolean[actions];
        CountDownLatch go = new CountDownLatch(1);
        Future<?> stopper = pool.submit(() -> {
          go.await();
          for (int i = 0; i < actions; i++) {
            stopped[i] = regs.get(i).cancel();
            if (stopped[i]) {
              finished.countDown();
            }
          }
          return null;
        });
        Future<?> canceler = pool.submit(() -> {
          go.await();
          ctx.cancel();
          return null;
        });
        go.countDown();
        stopper.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        canceler.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(finished.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
        for (int i = 0; i < actions; i++) {
          assertEquals(stopped[i] ? 0 : 1, ran.get(i), "action " + i + " in iteration " + iteration);
        }
      }
    }
  }

  @Test
  void exactlyOneOfManyConcurrentCancelsWins() throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int iteration = 0; iteration < 200; iteration++) {
        Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), null);
        AtomicInteger winners = new AtomicInteger();
        ConcurrentLinkedQueue<ContextError> winningErrors = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> fs = new ArrayList<>();
        ContextError[] errors = {ContextError.CANCELED, ContextError.SHUTDOWN, ContextError.CLIENT_GONE, ContextError.DEADLINE_EXCEEDED};
        for (int t = 0; t < THREADS; t++) {
          ContextError mine = errors[t % errors.length];
          fs.add(pool.submit(() -> {
            go.await();
            if (ctx.cancel(mine)) {
              winners.incrementAndGet();
              winningErrors.add(mine);
            }
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : fs) {
          f.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        }
        assertEquals(1, winners.get());
        assertEquals(winningErrors.peek(), ctx.err().orElseThrow());
      }
    }
  }

  @Test
  void childrenCreatedWhileTheParentIsCanceledAllEndUpDone() throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int iteration = 0; iteration < 100; iteration++) {
        Contexts.Cancelable parent = Contexts.cancelable(Context.background(), null);
        ConcurrentLinkedQueue<CancelableContext> children = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          fs.add(pool.submit(() -> {
            go.await();
            for (int i = 0; i < 50; i++) {
              children.add(i % 2 == 0 ? parent.withCancel() : parent.withTimeout(Duration.ofHours(1)));
            }
            return null;
          }));
        }
        fs.add(pool.submit(() -> {
          go.await();
          parent.cancel(ContextError.SHUTDOWN);
          return null;
        }));
        go.countDown();
        for (Future<?> f : fs) {
          f.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        }
        for (CancelableContext c : children) {
          assertEquals(ContextError.SHUTDOWN, c.err().orElseThrow(), "a child outlived its parent");
        }
        assertEquals(0, parent.listenerCount());
      }
    }
  }

  @Test
  void tenThousandChildrenAreAllCanceledWithTheirParent() {
    Contexts.Cancelable parent = Contexts.cancelable(Context.background(), null);
    List<CancelableContext> children = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      children.add(parent.withCancel());
    }
    assertEquals(10_000, parent.listenerCount());
    parent.cancel(ContextError.CLIENT_GONE);
    for (CancelableContext c : children) {
      assertEquals(ContextError.CLIENT_GONE, c.err().orElseThrow());
    }
    assertEquals(0, parent.listenerCount());
  }

  @Test
  void cancelingChildrenDeregistersThemFromTheirParent() {
    Contexts.Cancelable parent = Contexts.cancelable(Context.background(), null);
    List<CancelableContext> children = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      children.add(i % 2 == 0 ? parent.withCancel() : parent.withValue(KEY, i).withTimeout(Duration.ofHours(1)));
    }
    assertEquals(10_000, parent.listenerCount());
    children.forEach(CancelableContext::cancel);
    assertEquals(0, parent.listenerCount());
    assertTrue(!parent.isDone());
    parent.cancel();
  }

  @Test
  void childrenThatReachTheirDeadlineDeregisterFromTheirParent() {
    Contexts.Cancelable parent = Contexts.cancelable(Context.background(), null);
    List<CancelableContext> children = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      children.add(parent.withTimeout(Duration.ofMillis(5)));
    }
    Eventually.that(BOUND, () -> children.stream().allMatch(Context::isDone), () -> "children still live");
    assertEquals(0, parent.listenerCount());
    parent.cancel();
  }

  @Test
  void stoppedOnDoneRegistrationsLeaveNoListeners() {
    Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), null);
    List<Context.Registration> regs = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      regs.add(ctx.onDone(() -> {}));
    }
    assertEquals(1_000, ctx.listenerCount());
    for (Context.Registration r : regs) {
      assertTrue(r.cancel());
    }
    assertEquals(0, ctx.listenerCount());
    ctx.cancel();
  }

  @Test
  void canceledTimeoutContextsLeaveNoPendingTimers() {
    int baseline = Contexts.pendingTimers();
    for (int i = 0; i < 10_000; i++) {
      CancelableContext c = Context.background().withTimeout(Duration.ofHours(1));
      c.cancel();
    }
    Eventually.that(
        BOUND, () -> Contexts.pendingTimers() <= baseline, () -> Contexts.pendingTimers() + " timers, baseline " + baseline);
  }

  @Test
  void childrenCanceledWithTheirParentLeaveNoPendingTimers() {
    int baseline = Contexts.pendingTimers();
    CancelableContext parent = Context.background().withCancel();
    for (int i = 0; i < 10_000; i++) {
      CancelableContext unused = parent.withTimeout(Duration.ofHours(1));
    }
    assertTrue(Contexts.pendingTimers() >= baseline + 10_000 - 100);
    parent.cancel();
    Eventually.that(
        BOUND, () -> Contexts.pendingTimers() <= baseline, () -> Contexts.pendingTimers() + " timers, baseline " + baseline);
  }

  @Test
  void listenersAddedWithListenRunInlineOnTheCancelingThread() {
    Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), null);
    Thread[] ranOn = new Thread[1];
    Context.Registration unused = Contexts.listen(ctx, () -> ranOn[0] = Thread.currentThread());
    ctx.cancel();
    assertEquals(Thread.currentThread(), ranOn[0]);
  }

  @Test
  void listenOnADoneContextRunsAtOnce() {
    Contexts.Cancelable ctx = Contexts.cancelable(Context.background(), null);
    ctx.cancel();
    AtomicInteger runs = new AtomicInteger();
    Context.Registration reg = Contexts.listen(ctx, runs::incrementAndGet);
    assertEquals(1, runs.get());
    assertTrue(!reg.cancel());
  }

  private static final Context.Key<Integer> KEY = Context.Key.of("n");
}
