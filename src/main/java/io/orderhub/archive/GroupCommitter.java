package io.orderhub.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Group commit: many request threads hand in one item each; a few writer threads take whatever has queued up and
 * write it in one transaction, so a commit's disk flush is paid once per batch instead of once per order.
 *
 * @param <T> what is written
 * @param <R> what each writer of an item gets back
 */
public final class GroupCommitter<T, R> implements AutoCloseable {

    /** Writes one batch in one transaction and answers one result per item, in order; throws to fail them all. */
    @FunctionalInterface
    public interface BatchWork<T, R> {
        List<R> write(List<T> batch) throws Exception;
    }

    /** Told the size and duration of every written batch (for metrics). */
    @FunctionalInterface
    public interface BatchObserver {
        void written(int size, long nanos);
    }

    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }

    private static final Logger LOG = Logger.getLogger(GroupCommitter.class);

    private final String name;
    private final BlockingQueue<Pending<T, R>> queue;
    private final int maxBatch;
    private final BatchWork<T, R> work;
    private volatile BatchObserver observer = (size, nanos) -> {
    };
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    public GroupCommitter(String name, int capacity, int maxBatch, int threads, BatchWork<T, R> work) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.work = work;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::run, name + "-writer-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    /** Queues the item for the next batch; fails at once with {@link StoreUnavailableException} when full. */
    public CompletableFuture<R> submit(T item) {
        CompletableFuture<R> result = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending<>(item, result))) {
            result.completeExceptionally(new StoreUnavailableException(name + " write queue is full", null));
        }
        return result;
    }

    public void observe(BatchObserver observer) {
        this.observer = observer;
    }

    /** Items waiting for a writer. */
    public int depth() {
        return queue.size();
    }

    private void run() {
        List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
        List<T> items = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending<T, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                batch.forEach(p -> items.add(p.item()));
                complete(batch, items);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
                items.clear();
            }
        }
    }

    private void complete(List<Pending<T, R>> batch, List<T> items) {
        try {
            long start = System.nanoTime();
            List<R> results = work.write(items);
            observer.written(items.size(), System.nanoTime() - start);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (Exception | Error e) {
            // Errors too (e.g. a LinkageError from a driver): otherwise they end the writer thread for good and
            // leave this batch's callers waiting for their timeout
            LOG.warnf("%s: a batch of %d failed to write: %s", name, batch.size(), e.toString());
            StoreUnavailableException failure = new StoreUnavailableException(name + " write failed", e);
            batch.forEach(p -> p.result().completeExceptionally(failure));
        }
    }

    /** Stops taking items, writes what is queued, and waits for the writers. */
    @Override
    public void close() {
        running = false;
        for (Thread t : writers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
