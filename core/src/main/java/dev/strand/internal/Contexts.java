package dev.strand.internal;

import dev.strand.CancelableContext;
import dev.strand.Context;
import dev.strand.ContextError;
import dev.strand.Result;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Contexts implements {@link Context}: the tree, its timers and its listeners. Internal. */
public final class Contexts {
  private Contexts() {}

  private static final Node BACKGROUND = new Immortal(null);

  private static final ScheduledThreadPoolExecutor TIMERS;

  static {
    TIMERS =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "strand-context-timer");
              t.setDaemon(true);
              return t;
            });
    TIMERS.setRemoveOnCancelPolicy(true);
    TIMERS.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** A Registration that never fires and cannot be canceled. */
  private static final Context.Registration NEVER = () -> false;

  public static Context background() {
    return BACKGROUND;
  }

  /** Returns how many context timers are scheduled; for tests that check none leak. */
  public static int pendingTimers() {
    return TIMERS.getQueue().size();
  }

  /** Returns a cancelable child of {@code parent} with an optional deadline (null = none). */
  public static Cancelable cancelable(Context parent, Instant deadline) {
    return new Cancelable(node(parent), deadline);
  }

  /**
   * Calls {@code action} inline, on whichever thread ends the context, once {@code ctx} ends; at once
   * on this thread if it already has. For internal listeners that are quick and never block.
   */
  public static Context.Registration listen(Context ctx, Runnable action) {
    Listener l = new Listener(action);
    if (!node(ctx).addListener(l)) {
      l.fire();
      return NEVER;
    }
    return () -> node(ctx).removeListener(l) && l.claim();
  }

  /** Returns now plus {@code timeout}, saturating at the ends of time instead of overflowing. */
  static Instant deadlineAfter(Duration timeout) {
    Instant now = Instant.now();
    try {
      return now.plus(timeout);
    } catch (DateTimeException | ArithmeticException e) {
      return timeout.isNegative() ? Instant.MIN : Instant.MAX;
    }
  }

  /** Returns {@code d} in nanoseconds, saturating at Long.MIN_VALUE/MAX_VALUE (about 292 years). */
  static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Returns the nanoseconds from now until {@code deadline}, saturating instead of overflowing. */
  static long nanosUntil(Instant deadline) {
    return saturatedNanos(Duration.between(Instant.now(), deadline));
  }

  private static Node node(Context ctx) {
    if (ctx instanceof Node n) {
      return n;
    }
    throw new IllegalArgumentException(
        "strand: contexts must come from Context.background() or a request, not a custom Context implementation");
  }

  /** A listener that fires at most once. */
  static final class Listener {
    private final Runnable action;
    private final AtomicBoolean claimed = new AtomicBoolean();

    Listener(Runnable action) {
      this.action = action;
    }

    boolean claim() {
      return claimed.compareAndSet(false, true);
    }

    void fire() {
      if (claim()) {
        action.run();
      }
    }
  }

  /** The shared part of every context. */
  abstract static class Node implements Context {

    /** The nearest ancestor holding values, for lookups; null at the root. */
    abstract Node parent();

    /** Adds a listener; false if the context is already done (the listener was not added). */
    abstract boolean addListener(Listener l);

    /** Removes a listener; true if it was still registered. */
    abstract boolean removeListener(Listener l);

    /** Whether this context can ever end; lets children skip registering with immortal parents. */
    abstract boolean canEnd();

    @Override
    public boolean isDone() {
      return err().isPresent();
    }

    @Override
    public Registration onDone(Runnable action) {
      Objects.requireNonNull(action, "action");
      Listener l = new Listener(() -> Thread.ofVirtual().name("strand-ondone").start(action));
      if (!addListener(l)) {
        l.fire();
        return NEVER;
      }
      return () -> removeListener(l) && l.claim();
    }

    @Override
    public ContextError await() throws InterruptedException {
      Optional<ContextError> e = err();
      if (e.isPresent()) {
        return e.get();
      }
      CountDownLatch latch = new CountDownLatch(1);
      Registration r = listen(this, latch::countDown);
      try {
        latch.await();
      } catch (InterruptedException ie) {
        // A request's thread is interrupted because its context ended: that is the end awaited,
        // not an interruption of the wait. Keep the flag for the caller's next blocking call.
        Optional<ContextError> now = err();
        if (now.isPresent()) {
          Thread.currentThread().interrupt();
          return now.get();
        }
        throw ie;
      } finally {
        r.cancel();
      }
      return err().orElseThrow();
    }

    @Override
    public Result<Duration, ContextError> sleep(Duration duration) {
      Optional<ContextError> e = err();
      if (e.isPresent()) {
        return Result.err(e.get());
      }
      CountDownLatch latch = new CountDownLatch(1);
      Registration r = listen(this, latch::countDown);
      try {
        if (!latch.await(saturatedNanos(duration), TimeUnit.NANOSECONDS)) {
          return Result.ok(duration);
        }
      } catch (InterruptedException ie) {
        Optional<ContextError> now = err();
        if (now.isPresent()) {
          return Result.err(now.get());
        }
        Thread.currentThread().interrupt();
        return Result.err(new ContextError(ContextError.Cause.CANCELED, "thread interrupted"));
      } finally {
        r.cancel();
      }
      return Result.err(err().orElseThrow());
    }

    @Override
    public CancelableContext withCancel() {
      return new Cancelable(this, null);
    }

    @Override
    public CancelableContext withTimeout(Duration timeout) {
      return new Cancelable(this, deadlineAfter(timeout));
    }

    @Override
    public CancelableContext withDeadline(Instant deadline) {
      return new Cancelable(this, Objects.requireNonNull(deadline, "deadline"));
    }

    @Override
    public <T> Context withValue(Key<T> key, T value) {
      return new Value(this, Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override
    public <T> Optional<T> value(Key<T> key) {
      for (Node n = this; n != null; n = n.parent()) {
        if (n instanceof Value v && v.key == key) {
          @SuppressWarnings("unchecked")
          T t = (T) v.value;
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }

    @Override
    public Context withoutCancel() {
      return new Immortal(this);
    }
  }

  /**
   * A context that never ends and has no deadline: the background (no parent) and every
   * {@code withoutCancel()} (values from its parent).
   */
  static final class Immortal extends Node {
    private final Node parent; // null for the background

    Immortal(Node parent) {
      this.parent = parent;
    }

    @Override
    Node parent() {
      return parent;
    }

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
    boolean addListener(Listener l) {
      return true; // never fires
    }

    @Override
    boolean removeListener(Listener l) {
      return true;
    }

    @Override
    boolean canEnd() {
      return false;
    }

    @Override
    public String toString() {
      return parent == null ? "context.Background" : parent + ".WithoutCancel";
    }
  }

  /** A value on top of its parent; everything else delegates. */
  static final class Value extends Node {
    private final Node parent;
    final Key<?> key;
    final Object value;

    Value(Node parent, Key<?> key, Object value) {
      this.parent = parent;
      this.key = key;
      this.value = value;
    }

    @Override
    Node parent() {
      return parent;
    }

    @Override
    public Optional<Instant> deadline() {
      return parent.deadline();
    }

    @Override
    public Optional<ContextError> err() {
      return parent.err();
    }

    @Override
    public boolean isDone() {
      return parent.isDone();
    }

    @Override
    boolean addListener(Listener l) {
      return parent.addListener(l);
    }

    @Override
    boolean removeListener(Listener l) {
      return parent.removeListener(l);
    }

    @Override
    boolean canEnd() {
      return parent.canEnd();
    }

    @Override
    public String toString() {
      return parent + ".WithValue(" + key.name() + ")";
    }
  }

  /** A context that can be canceled, with an optional deadline of its own. */
  public static final class Cancelable extends Node implements CancelableContext {
    private final Node parent;
    private final Instant deadline; // effective: never later than the parent's
    private volatile ContextError err;
    private Set<Listener> listeners; // guarded by this; null once done
    private ScheduledFuture<?> timer; // guarded by this
    private Context.Registration fromParent;

    Cancelable(Node parent, Instant ownDeadline) {
      this.parent = parent;
      Instant pd = parent.deadline().orElse(null);
      boolean ownIsEarlier = ownDeadline != null && (pd == null || ownDeadline.isBefore(pd));
      this.deadline = ownIsEarlier ? ownDeadline : pd;
      this.listeners = new LinkedHashSet<>(4);

      if (parent.canEnd()) {
        Listener l = new Listener(() -> cancel(parent.err().orElse(ContextError.CANCELED)));
        if (parent.addListener(l)) {
          synchronized (this) {
            if (listeners != null) {
              fromParent = () -> parent.removeListener(l);
            }
          }
          if (err != null) {
            parent.removeListener(l);
          }
        } else {
          cancel(parent.err().orElse(ContextError.CANCELED));
          return;
        }
      }
      if (ownIsEarlier) {
        long nanos = nanosUntil(ownDeadline);
        if (nanos <= 0) {
          cancel(ContextError.DEADLINE_EXCEEDED);
        } else {
          ScheduledFuture<?> f =
              TIMERS.schedule(() -> cancel(ContextError.DEADLINE_EXCEEDED), nanos, TimeUnit.NANOSECONDS);
          boolean done;
          synchronized (this) {
            done = listeners == null;
            if (!done) {
              timer = f;
            }
          }
          if (done) {
            f.cancel(false);
          }
        }
      }
    }

    /**
     * Ends this context and its children with {@code error}.
     *
     * @return true if this call ended it; false if it had already ended
     */
    public boolean cancel(ContextError error) {
      Set<Listener> toFire;
      ScheduledFuture<?> t;
      Context.Registration p;
      synchronized (this) {
        if (listeners == null) {
          return false;
        }
        err = error;
        toFire = listeners;
        listeners = null;
        t = timer;
        timer = null;
        p = fromParent;
        fromParent = null;
      }
      if (t != null) {
        t.cancel(false);
      }
      if (p != null) {
        p.cancel();
      }
      RuntimeException first = null;
      for (Listener l : toFire) {
        try {
          l.fire();
        } catch (RuntimeException e) {
          if (first == null) {
            first = e;
          }
        }
      }
      if (first != null) {
        throw first;
      }
      return true;
    }

    @Override
    public void cancel() {
      cancel(ContextError.CANCELED);
    }

    @Override
    public void close() {
      cancel(ContextError.CANCELED);
    }

    @Override
    Node parent() {
      return parent;
    }

    @Override
    public Optional<Instant> deadline() {
      return Optional.ofNullable(deadline);
    }

    @Override
    public Optional<ContextError> err() {
      return Optional.ofNullable(err);
    }

    @Override
    public boolean isDone() {
      return err != null;
    }

    @Override
    synchronized boolean addListener(Listener l) {
      if (listeners == null) {
        return false;
      }
      listeners.add(l);
      return true;
    }

    @Override
    synchronized boolean removeListener(Listener l) {
      return listeners != null && listeners.remove(l);
    }

    @Override
    boolean canEnd() {
      return true;
    }

    /** Returns the number of listeners registered; for tests that check none leak. */
    public synchronized int listenerCount() {
      return listeners == null ? 0 : listeners.size();
    }

    @Override
    public String toString() {
      return parent + (deadline != null ? ".WithDeadline(" + deadline + ")" : ".WithCancel");
    }
  }
}
