package io.lpmsedge.bridge.http;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The threads of the ops server, bounded three ways, so that no client can hold the probes of everyone else:
 *
 * <ul>
 *   <li>a fixed pool of {@code threads}, each request on its own thread (the JDK server reads a request's headers
 *   on the thread that serves it, so one thread meant one trickling client blocked every probe);</li>
 *   <li>a deadline per request: a request that takes longer than {@code requestTimeout} to read and answer has its
 *   thread interrupted, which closes its connection (the JDK server reads and writes through interruptible
 *   channels);</li>
 *   <li>a queue of {@code queue} requests waiting for a thread; beyond it, one more thread reads the request and
 *   answers 503 ({@link #overloaded()} tells the handler), and beyond that the connection is closed.</li>
 * </ul>
 */
final class RequestPool implements Executor, AutoCloseable {
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor refuser;
    private final ScheduledThreadPoolExecutor deadlines;
    private final Duration requestTimeout;
    private final ThreadLocal<Boolean> refusing = ThreadLocal.withInitial(() -> false);
    private final LongAdder closedBusy = new LongAdder();
    private final LongAdder timedOut = new LongAdder();

    RequestPool(int threads, int queue, Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        this.deadlines = new ScheduledThreadPoolExecutor(1, daemons("ops-http-deadline"));
        this.deadlines.setRemoveOnCancelPolicy(true);
        this.refuser = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue),
                daemons("ops-http-busy"),
                new ThreadPoolExecutor.AbortPolicy());
        this.workers = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue),
                daemons("ops-http"),
                (task, pool) -> refuser.execute(() -> {
                    refusing.set(true);
                    try {
                        task.run();
                    } finally {
                        refusing.set(false);
                    }
                }));
    }

    /**
     * Runs one exchange (the JDK server's request read, handler, answer) under the deadline.
     *
     * @throws RejectedExecutionException when even the 503 queue is full; the JDK server closes the connection
     */
    @Override
    public void execute(Runnable exchange) {
        try {
            workers.execute(() -> runWithDeadline(exchange));
        } catch (RejectedExecutionException e) {
            closedBusy.increment();
            throw e;
        }
    }

    /** Connections closed unanswered since start because even the 503 queue was full. */
    long closedBusy() {
        return closedBusy.sum();
    }

    /** Requests cut off at the deadline since start (slow or stalled clients). */
    long timedOut() {
        return timedOut.sum();
    }

    /** True on a thread that is serving a request only to answer 503: every worker is busy and the queue full. */
    boolean overloaded() {
        return refusing.get();
    }

    /** Requests being served now (not counting 503 answers). */
    int active() {
        return workers.getActiveCount();
    }

    /** Requests waiting for a worker. */
    int queued() {
        return workers.getQueue().size();
    }

    private void runWithDeadline(Runnable exchange) {
        Thread self = Thread.currentThread();
        Object lock = new Object();
        boolean[] finished = new boolean[1];
        ScheduledFuture<?> deadline = deadlines.schedule(
                () -> {
                    synchronized (lock) {
                        if (!finished[0]) {
                            timedOut.increment();
                            self.interrupt(); // closes the connection's channel; its blocked read or write fails
                        }
                    }
                },
                requestTimeout.toNanos(),
                TimeUnit.NANOSECONDS);
        try {
            exchange.run();
        } finally {
            synchronized (lock) {
                finished[0] = true;
            }
            deadline.cancel(false);
            Thread.interrupted(); // an interrupt that came as the exchange ended must not hit the next one
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        workers.shutdownNow();
        refuser.shutdownNow();
        deadlines.shutdownNow();
    }
}
