package dev.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.internal.Contexts;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Context behaves as Go's context package: a tree of deadlines, cancellation and values. */
class ContextTest {

  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final Context.Key<String> USER = Context.Key.of("user");
  private static final Context.Key<Integer> TENANT = Context.Key.of("tenant");

  @AfterEach
  void clearInterrupt() {
    boolean unused = Thread.interrupted();
  }

  // ---- background ----

  @Test
  void backgroundIsNeverDoneAndHasNoDeadlineOrValues() {
    Context bg = Context.background();
    assertFalse(bg.isDone());
    assertEquals(Optional.empty(), bg.err());
    assertEquals(Optional.empty(), bg.deadline());
    assertEquals(Optional.empty(), bg.value(USER));
    assertSame(bg, Context.background());
  }

  @Test
  void backgroundSleepReturnsOkAfterTheWholeDuration() {
    long start = System.nanoTime();
    Result<Duration, ContextError> r = Context.background().sleep(Duration.ofMillis(50));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(Result.ok(Duration.ofMillis(50)), r);
    assertTrue(ms >= 49, "returned after " + ms + " ms");
  }

  @Test
  void backgroundOnDoneRegistrationCanBeStoppedAndNeverRuns() {
    AtomicInteger runs = new AtomicInteger();
    Context.Registration reg = Context.background().onDone(runs::incrementAndGet);
    assertTrue(reg.cancel());
    assertFalse(reg.cancel());
    assertEquals(0, runs.get());
  }

  @Test
  void contextsPrintLikeGo() {
    try (CancelableContext c = Context.background().withCancel()) {
      assertEquals("context.Background", Context.background().toString());
      assertEquals("context.Background.WithCancel", c.toString());
      assertEquals("context.Background.WithCancel.WithValue(user)", c.withValue(USER, "a").toString());
    }
  }

  // ---- withCancel ----

  @Test
  void errIsEmptyWhileLiveThenCanceledAfterCancel() {
    CancelableContext c = Context.background().withCancel();
    assertFalse(c.isDone());
    assertEquals(Optional.empty(), c.err());
    c.cancel();
    assertTrue(c.isDone());
    assertEquals(Optional.of(ContextError.CANCELED), c.err());
  }

  @Test
  void cancelTwiceKeepsTheFirstError() {
    Contexts.Cancelable c = Contexts.cancelable(Context.background(), null);
    assertTrue(c.cancel(ContextError.SHUTDOWN));
    assertFalse(c.cancel(ContextError.CANCELED));
    c.cancel();
    assertEquals(ContextError.SHUTDOWN, c.err().orElseThrow());
  }

  @Test
  void tryWithResourcesCancelsTheContextOnExit() {
    CancelableContext seen;
    try (CancelableContext c = Context.background().withTimeout(Duration.ofHours(1))) {
      seen = c;
      assertFalse(c.isDone());
    }
    assertEquals(ContextError.CANCELED, seen.err().orElseThrow());
  }

  @Test
  void closeIsTheSameAsCancel() {
    CancelableContext c = Context.background().withCancel();
    c.close();
    assertEquals(ContextError.CANCELED, c.err().orElseThrow());
  }

  // ---- deadlines ----

  @Test
  void withTimeoutEndsWithDeadlineExceeded() throws InterruptedException {
    try (CancelableContext c = Context.background().withTimeout(Duration.ofMillis(30))) {
      ContextError e = c.await();
      assertEquals(ContextError.DEADLINE_EXCEEDED, e);
      assertTrue(e.isDeadlineExceeded());
      assertEquals(Optional.of(ContextError.DEADLINE_EXCEEDED), c.err());
    }
  }

  @Test
  void withTimeoutEndsNoEarlierThanItsDeadline() throws InterruptedException {
    long start = System.nanoTime();
    try (CancelableContext c = Context.background().withTimeout(Duration.ofMillis(80))) {
      assertEquals(ContextError.DEADLINE_EXCEEDED, c.await());
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(ms >= 79, "ended after " + ms + " ms");
      assertTrue(ms < 80 + BOUND.toMillis(), "ended after " + ms + " ms");
    }
  }

  @Test
  void withTimeoutReportsItsDeadline() {
    Instant before = Instant.now();
    try (CancelableContext c = Context.background().withTimeout(Duration.ofSeconds(10))) {
      Instant d = c.deadline().orElseThrow();
      assertFalse(d.isBefore(before.plusSeconds(10)));
      assertTrue(d.isBefore(Instant.now().plusSeconds(11)));
    }
  }

  @Test
  void zeroOrNegativeTimeoutIsDoneAtOnce() {
    assertEquals(ContextError.DEADLINE_EXCEEDED, Context.background().withTimeout(Duration.ZERO).err().orElseThrow());
    assertEquals(
        ContextError.DEADLINE_EXCEEDED, Context.background().withTimeout(Duration.ofSeconds(-1)).err().orElseThrow());
  }

  @Test
  void deadlineInThePastIsDoneAtOnce() {
    CancelableContext c = Context.background().withDeadline(Instant.now().minusSeconds(1));
    assertTrue(c.isDone());
    assertEquals(ContextError.DEADLINE_EXCEEDED, c.err().orElseThrow());
  }

  @Test
  void childDeadlineIsNeverLaterThanTheParents() {
    try (CancelableContext parent = Context.background().withTimeout(Duration.ofSeconds(5));
        CancelableContext child = parent.withTimeout(Duration.ofHours(1));
        CancelableContext laterAbsolute = parent.withDeadline(Instant.now().plusSeconds(3600))) {
      assertEquals(parent.deadline(), child.deadline());
      assertEquals(parent.deadline(), laterAbsolute.deadline());
    }
  }

  @Test
  void childWithAnEarlierDeadlineKeepsItsOwn() {
    try (CancelableContext parent = Context.background().withTimeout(Duration.ofHours(1))) {
      Instant mine = Instant.now().plusSeconds(60);
      try (CancelableContext child = parent.withDeadline(mine)) {
        assertEquals(Optional.of(mine), child.deadline());
      }
    }
  }

  @Test
  void childWithALaterTimeoutEndsAtTheParentsDeadline() throws InterruptedException {
    try (CancelableContext parent = Context.background().withTimeout(Duration.ofMillis(50));
        CancelableContext child = parent.withTimeout(Duration.ofHours(1))) {
      long start = System.nanoTime();
      assertEquals(ContextError.DEADLINE_EXCEEDED, child.await());
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < BOUND.toMillis());
    }
  }

  @Test
  void childEndsAtItsOwnDeadlineWhileTheParentLivesOn() throws InterruptedException {
    try (CancelableContext parent = Context.background().withCancel();
        CancelableContext child = parent.withTimeout(Duration.ofMillis(20))) {
      assertEquals(ContextError.DEADLINE_EXCEEDED, child.await());
      assertFalse(parent.isDone());
    }
  }

  @Test
  void veryLongTimeoutsAndFarDeadlinesAreAccepted() {
    try (CancelableContext a = Context.background().withTimeout(Duration.ofSeconds(Long.MAX_VALUE));
        CancelableContext b = Context.background().withDeadline(Instant.MAX);
        CancelableContext c = Context.background().withTimeout(Duration.ofDays(365L * 1000))) {
      assertFalse(a.isDone());
      assertFalse(b.isDone());
      assertFalse(c.isDone());
      assertTrue(a.deadline().isPresent());
      assertEquals(Optional.of(Instant.MAX), b.deadline());
    }
  }

  // ---- the tree ----

  @Test
  void cancelingTheParentCancelsChildrenWithTheSameError() {
    Contexts.Cancelable parent = Contexts.cancelable(Context.background(), null);
    CancelableContext a = parent.withCancel();
    CancelableContext b = parent.withTimeout(Duration.ofHours(1));
    parent.cancel(ContextError.SHUTDOWN);
    assertEquals(ContextError.SHUTDOWN, a.err().orElseThrow());
    assertEquals(ContextError.SHUTDOWN, b.err().orElseThrow());
  }

  @Test
  void cancelingTheParentCancelsGrandchildrenThroughValueLayers() {
    CancelableContext parent = Context.background().withCancel();
    CancelableContext grandchild = parent.withValue(USER, "a").withCancel().withValue(TENANT, 7).withCancel();
    parent.cancel();
    assertEquals(ContextError.CANCELED, grandchild.err().orElseThrow());
  }

  @Test
  void parentDeadlineEndsGrandchildrenWithDeadlineExceeded() throws InterruptedException {
    try (CancelableContext parent = Context.background().withTimeout(Duration.ofMillis(30))) {
      CancelableContext grandchild = parent.withCancel().withCancel();
      assertEquals(ContextError.DEADLINE_EXCEEDED, grandchild.await());
    }
  }

  @Test
  void cancelingAChildLeavesTheParentAndSiblingsLive() {
    try (CancelableContext parent = Context.background().withCancel()) {
      CancelableContext a = parent.withCancel();
      CancelableContext b = parent.withCancel();
      a.cancel();
      assertFalse(parent.isDone());
      assertFalse(b.isDone());
    }
  }

  @Test
  void childOfADoneParentIsDoneAtOnceWithItsError() {
    Contexts.Cancelable parent = Contexts.cancelable(Context.background(), null);
    parent.cancel(ContextError.CLIENT_GONE);
    assertEquals(ContextError.CLIENT_GONE, parent.withCancel().err().orElseThrow());
    assertEquals(ContextError.CLIENT_GONE, parent.withTimeout(Duration.ofHours(1)).err().orElseThrow());
    assertEquals(ContextError.CLIENT_GONE, parent.withValue(USER, "x").withCancel().err().orElseThrow());
  }

  @Test
  void valueContextSharesItsParentsStateAndDeadline() {
    CancelableContext parent = Context.background().withTimeout(Duration.ofHours(1));
    Context v = parent.withValue(USER, "alice");
    assertEquals(parent.deadline(), v.deadline());
    assertFalse(v.isDone());
    parent.cancel();
    assertTrue(v.isDone());
    assertEquals(ContextError.CANCELED, v.err().orElseThrow());
  }

  // ---- values ----

  @Test
  void valuesAreFoundThroughTheWholeChain() {
    Context c = Context.background().withValue(USER, "alice").withCancel().withValue(TENANT, 42).withTimeout(Duration.ofHours(1));
    assertEquals(Optional.of("alice"), c.value(USER));
    assertEquals(Optional.of(42), c.value(TENANT));
  }

  @Test
  void theNearestValueShadowsAnOuterOne() {
    Context outer = Context.background().withValue(USER, "alice");
    Context inner = outer.withValue(USER, "bob");
    assertEquals(Optional.of("bob"), inner.value(USER));
    assertEquals(Optional.of("alice"), outer.value(USER));
  }

  @Test
  void keysCompareByIdentityNotByName() {
    Context.Key<String> a = Context.Key.of("same");
    Context.Key<String> b = Context.Key.of("same");
    Context c = Context.background().withValue(a, "from a");
    assertEquals(Optional.of("from a"), c.value(a));
    assertEquals(Optional.empty(), c.value(b));
    assertNotSame(a, b);
    assertEquals("same", a.name());
    assertEquals("Key(same)", a.toString());
  }

  @Test
  void nullKeyOrValueIsRefused() {
    assertThrows(NullPointerException.class, () -> Context.background().withValue(USER, null));
    assertThrows(NullPointerException.class, () -> Context.background().withValue(null, "x"));
  }

  // ---- withoutCancel ----

  @Test
  void withoutCancelKeepsValuesButNeverEnds() {
    CancelableContext parent = Context.background().withValue(USER, "alice").withTimeout(Duration.ofHours(1));
    Context detached = parent.withoutCancel();
    parent.cancel();
    assertFalse(detached.isDone());
    assertEquals(Optional.empty(), detached.err());
    assertEquals(Optional.empty(), detached.deadline());
    assertEquals(Optional.of("alice"), detached.value(USER));
  }

  @Test
  void childrenOfADetachedContextOutliveTheOriginalParent() throws InterruptedException {
    CancelableContext parent = Context.background().withCancel();
    try (CancelableContext work = parent.withoutCancel().withTimeout(Duration.ofMillis(30))) {
      parent.cancel();
      assertFalse(work.isDone());
      assertEquals(ContextError.DEADLINE_EXCEEDED, work.await());
    }
  }

  // ---- onDone ----

  @Test
  void onDoneRunsOnceOnAVirtualThreadWhenTheContextEnds() throws InterruptedException {
    CancelableContext c = Context.background().withCancel();
    CountDownLatch ran = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<Thread> thread = new AtomicReference<>();
    Context.Registration unused = c.onDone(() -> {
      thread.set(Thread.currentThread());
      runs.incrementAndGet();
      ran.countDown();
    });
    assertEquals(0, runs.get());
    c.cancel();
    c.cancel();
    assertTrue(ran.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    assertTrue(thread.get().isVirtual());
    assertNotSame(Thread.currentThread(), thread.get());
    assertEquals(1, runs.get());
  }

  @Test
  void onDoneRunsAtOnceWhenAlreadyDone() throws InterruptedException {
    CancelableContext c = Context.background().withCancel();
    c.cancel();
    CountDownLatch ran = new CountDownLatch(1);
    Context.Registration reg = c.onDone(ran::countDown);
    assertTrue(ran.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    assertFalse(reg.cancel(), "an action that already ran cannot be stopped");
  }

  @Test
  void onDoneSeesTheContextAlreadyDone() throws InterruptedException {
    CancelableContext c = Context.background().withCancel();
    AtomicReference<Optional<ContextError>> seen = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    Context.Registration unused = c.onDone(() -> {
      seen.set(c.err());
      ran.countDown();
    });
    c.cancel();
    assertTrue(ran.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    assertEquals(Optional.of(ContextError.CANCELED), seen.get());
  }

  @Test
  void registrationCancelBeforeFiringStopsTheAction() throws InterruptedException {
    Contexts.Cancelable c = Contexts.cancelable(Context.background(), null);
    AtomicInteger runs = new AtomicInteger();
    Context.Registration reg = c.onDone(runs::incrementAndGet);
    assertEquals(1, c.listenerCount());
    assertTrue(reg.cancel());
    assertFalse(reg.cancel(), "a second stop does nothing");
    assertEquals(0, c.listenerCount());
    CountDownLatch other = new CountDownLatch(1);
    Context.Registration unused = c.onDone(other::countDown);
    c.cancel();
    assertTrue(other.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    assertEquals(0, runs.get());
  }

  @Test
  void registrationCancelAfterFiringReturnsFalse() throws InterruptedException {
    CancelableContext c = Context.background().withCancel();
    CountDownLatch ran = new CountDownLatch(1);
    Context.Registration reg = c.onDone(ran::countDown);
    c.cancel();
    assertTrue(ran.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    assertFalse(reg.cancel());
  }

  @Test
  void onDoneOfAValueContextFiresWithItsParent() throws InterruptedException {
    CancelableContext c = Context.background().withCancel();
    CountDownLatch ran = new CountDownLatch(1);
    Context.Registration unused = c.withValue(USER, "x").onDone(ran::countDown);
    c.cancel();
    assertTrue(ran.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Test
  void anOnDoneActionThatThrowsDoesNotStopTheOthers() throws InterruptedException {
    CancelableContext c = Context.background().withCancel();
    CountDownLatch ran = new CountDownLatch(1);
    Thread.UncaughtExceptionHandler quiet = (t, e) -> {};
    Context.Registration unused1 = c.onDone(() -> {
      Thread.currentThread().setUncaughtExceptionHandler(quiet);
      throw new IllegalStateException("boom");
    });
    Context.Registration unused2 = c.onDone(ran::countDown);
    c.cancel();
    assertTrue(ran.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    assertTrue(c.isDone());
  }

  @Test
  void onDoneRefusesNull() {
    assertThrows(NullPointerException.class, () -> Context.background().withCancel().onDone(null));
  }

  // ---- await and sleep ----

  @Test
  void awaitReturnsTheErrorWhenAnotherThreadCancels() throws InterruptedException {
    CancelableContext c = Context.background().withCancel();
    Thread.ofVirtual().start(c::cancel);
    assertEquals(ContextError.CANCELED, c.await());
  }

  @Test
  void awaitReturnsAtOnceWhenAlreadyDone() throws InterruptedException {
    CancelableContext c = Context.background().withCancel();
    c.cancel();
    assertEquals(ContextError.CANCELED, c.await());
  }

  @Test
  void awaitThrowsWhenTheWaitingThreadIsInterrupted() {
    try (CancelableContext c = Context.background().withCancel()) {
      Thread.currentThread().interrupt();
      assertThrows(InterruptedException.class, c::await);
    }
  }

  @Test
  void sleepReturnsOkAfterTheDuration() {
    try (CancelableContext c = Context.background().withTimeout(Duration.ofHours(1))) {
      long start = System.nanoTime();
      Result<Duration, ContextError> r = c.sleep(Duration.ofMillis(40));
      assertEquals(Result.ok(Duration.ofMillis(40)), r);
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 39);
    }
  }

  @Test
  void sleepReturnsTheContextErrorWhenTheContextEndsFirst() {
    try (CancelableContext c = Context.background().withTimeout(Duration.ofMillis(30))) {
      long start = System.nanoTime();
      Result<Duration, ContextError> r = c.sleep(Duration.ofSeconds(30));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(Result.err(ContextError.DEADLINE_EXCEEDED), r);
      assertTrue(ms < BOUND.toMillis(), "slept " + ms + " ms");
    }
  }

  @Test
  void sleepForAnAstronomicalDurationStillEndsWithTheContext() {
    try (CancelableContext c = Context.background().withTimeout(Duration.ofMillis(30))) {
      assertEquals(Result.err(ContextError.DEADLINE_EXCEEDED), c.sleep(Duration.ofSeconds(Long.MAX_VALUE)));
    }
  }

  @Test
  void sleepOnADoneContextFailsAtOnce() {
    CancelableContext c = Context.background().withCancel();
    c.cancel();
    assertEquals(Result.err(ContextError.CANCELED), c.sleep(Duration.ofHours(1)));
  }

  @Test
  void sleepOfAnInterruptedThreadIsAnErrAndKeepsTheInterrupt() {
    try (CancelableContext c = Context.background().withCancel()) {
      Thread.currentThread().interrupt();
      Result<Duration, ContextError> r = c.sleep(Duration.ofHours(1));
      assertFalse(r.isOk());
      assertTrue(r.toErrorOptional().orElseThrow().isCanceled());
      assertTrue(Thread.interrupted(), "the interrupt flag is restored for the caller");
    }
  }

  @Test
  void sleepOfAThreadInterruptedBecauseItsContextEndedGivesTheContextError() throws InterruptedException {
    Contexts.Cancelable c = Contexts.cancelable(Context.background(), null);
    AtomicReference<Result<Duration, ContextError>> out = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread t = Thread.ofVirtual().start(() -> {
      started.countDown();
      out.set(c.sleep(Duration.ofHours(1)));
    });
    assertTrue(started.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    c.cancel(ContextError.SHUTDOWN);
    t.interrupt();
    assertTrue(t.join(BOUND));
    assertEquals(Result.err(ContextError.SHUTDOWN), out.get());
  }

  @Test
  void awaitOfAThreadInterruptedBecauseItsContextEndedReturnsTheError() throws InterruptedException {
    Contexts.Cancelable c = Contexts.cancelable(Context.background(), null);
    AtomicReference<Object> out = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread t = Thread.ofVirtual().unstarted(() -> {
      try {
        out.set(c.await());
      } catch (InterruptedException e) {
        out.set(e);
      }
      flag.set(Thread.currentThread().isInterrupted());
    });
    // As for a request's thread: the context's end interrupts the thread before waking the wait.
    Context.Registration unused = Contexts.listen(c, t::interrupt);
    t.start();
    Eventually.that(BOUND, () -> t.getState() == Thread.State.WAITING, () -> "state " + t.getState());
    c.cancel(ContextError.DEADLINE_EXCEEDED);
    assertTrue(t.join(BOUND));
    assertEquals(ContextError.DEADLINE_EXCEEDED, out.get());
    assertTrue(flag.get(), "the interrupt flag is kept for the next blocking call");
  }

  // ---- errors ----

  @Test
  void contextErrorsTellDeadlineFromCancellation() {
    assertTrue(ContextError.DEADLINE_EXCEEDED.isDeadlineExceeded());
    assertFalse(ContextError.DEADLINE_EXCEEDED.isCanceled());
    for (ContextError e : new ContextError[] {ContextError.CANCELED, ContextError.CLIENT_GONE, ContextError.SHUTDOWN}) {
      assertTrue(e.isCanceled(), e.toString());
      assertFalse(e.isDeadlineExceeded(), e.toString());
    }
  }

  @Test
  void contextErrorsMapToTheirProblems() {
    assertEquals(504, ContextError.DEADLINE_EXCEEDED.toProblem().status());
    assertEquals(503, ContextError.SHUTDOWN.toProblem().status());
    assertEquals(499, ContextError.CLIENT_GONE.toProblem().status());
    assertEquals(503, ContextError.CANCELED.toProblem().status());
  }

  @Test
  void contextEndedExceptionCarriesItsErrorAndNoStackTrace() {
    ContextEndedException e = ContextError.DEADLINE_EXCEEDED.toException();
    assertSame(ContextError.DEADLINE_EXCEEDED, e.error());
    assertEquals("strand: context deadline exceeded", e.getMessage());
    assertEquals(0, e.getStackTrace().length);
    assertInstanceOf(RuntimeException.class, e);
  }

  @Test
  void customContextImplementationsAreRefusedWithAClearMessage() {
    Context custom = new Context() {
      @Override
      public Optional<Instant> deadline() {
        return Optional.empty();
      }

      @Override
      public Optional<ContextError> err() {
        return Optional.empty();
      }

      @Override
      public boolean isDone() {
        return false;
      }

      @Override
      public Registration onDone(Runnable action) {
        return () -> false;
      }

      @Override
      public ContextError await() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Result<Duration, ContextError> sleep(Duration duration) {
        return Result.ok(duration);
      }

      @Override
      public CancelableContext withCancel() {
        throw new UnsupportedOperationException();
      }

      @Override
      public CancelableContext withTimeout(Duration timeout) {
        throw new UnsupportedOperationException();
      }

      @Override
      public CancelableContext withDeadline(Instant deadline) {
        throw new UnsupportedOperationException();
      }

      @Override
      public <T> Context withValue(Key<T> key, T value) {
        throw new UnsupportedOperationException();
      }

      @Override
      public <T> Optional<T> value(Key<T> key) {
        return Optional.empty();
      }

      @Override
      public Context withoutCancel() {
        return this;
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Contexts.cancelable(custom, null));
    assertTrue(e.getMessage().startsWith("strand: "), e.getMessage());
  }
}
