package io.orderhub.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit without a database: the batch work records what it was given and can be held on a latch, so the tests
 * decide exactly what is queued when a writer takes its next batch.
 */
class GroupCommitterTest {

    private static final long WAIT_SECONDS = 10;

    /** Batch work that records every batch and blocks the first batch until released. */
    private static final class RecordingWork implements GroupCommitter.BatchWork<Integer, String> {
        final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstBatchStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile Integer poison;
        volatile boolean poisonThrowsError;

        @Override
        public List<String> write(List<Integer> batch) throws Exception {
            batches.add(List.copyOf(batch)); // the committer reuses its list
            firstBatchStarted.countDown();
            if (!release.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test never released the writer");
            }
            if (poison != null && batch.contains(poison)) {
                if (poisonThrowsError) {
                    throw new LinkageError("driver class missing while writing " + poison);
                }
                throw new java.sql.SQLException("batch with " + poison + " rolled back");
            }
            return batch.stream().map(i -> "row-" + i).toList();
        }

        List<Integer> sizes() {
            synchronized (batches) {
                return batches.stream().map(List::size).toList();
            }
        }
    }

    private final RecordingWork work = new RecordingWork();
    private final List<GroupCommitter<?, ?>> committers = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    private GroupCommitter<Integer, String> committer(int capacity, int maxBatch, int threads) {
        GroupCommitter<Integer, String> c = new GroupCommitter<>("test", capacity, maxBatch, threads, work);
        committers.add(c);
        return c;
    }

    @AfterEach
    void stop() {
        work.release.countDown();
        committers.forEach(GroupCommitter::close);
        pool.shutdownNow();
    }

    /** Submits item 0 and waits until the single writer is inside its batch, so everything after it queues. */
    private CompletableFuture<String> holdTheWriter(GroupCommitter<Integer, String> c) throws InterruptedException {
        CompletableFuture<String> first = c.submit(0);
        assertThat(work.firstBatchStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    private static Throwable failureOf(CompletableFuture<String> future) {
        try {
            future.get(WAIT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected the write to fail");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void itemsSubmittedConcurrentlyWhileAWriteIsRunningFormTheNextBatches() throws Exception {
        GroupCommitter<Integer, String> c = committer(1000, 100, 1);
        CompletableFuture<String> first = holdTheWriter(c);

        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<CompletableFuture<String>>>> submitters = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int base = 1 + t * 25;
            submitters.add(pool.submit(() -> {
                go.await();
                List<CompletableFuture<String>> mine = new ArrayList<>();
                for (int i = base; i < base + 25; i++) {
                    mine.add(c.submit(i));
                }
                return mine;
            }));
        }
        go.countDown();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (Future<List<CompletableFuture<String>>> s : submitters) {
            results.addAll(s.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        assertThat(c.depth()).isEqualTo(200);

        work.release.countDown();

        assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("row-0");
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(work.sizes()).containsExactly(1, 100, 100);
        assertThat(c.depth()).isZero();
    }

    @Test
    void eachCallerGetsTheResultOfItsOwnItem() throws Exception {
        GroupCommitter<Integer, String> c = committer(1000, 64, 1);
        holdTheWriter(c);
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            futures.add(c.submit(i));
        }
        work.release.countDown();

        for (int i = 1; i <= 150; i++) {
            assertThat(futures.get(i - 1).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("row-" + i);
        }
        assertThat(work.sizes()).containsExactly(1, 64, 64, 22);
    }

    @Test
    void manyWritersAndSubmittersWriteEveryItemExactlyOnceInBatchesNoLargerThanMax() throws Exception {
        work.release.countDown(); // no holding: free-running writers
        GroupCommitter<Integer, String> c = committer(10_000, 32, 2);
        List<Future<List<CompletableFuture<String>>>> submitters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 500;
            submitters.add(pool.submit(() -> {
                List<CompletableFuture<String>> mine = new ArrayList<>();
                for (int i = base; i < base + 500; i++) {
                    mine.add(c.submit(i));
                }
                return mine;
            }));
        }
        int item = 0;
        for (Future<List<CompletableFuture<String>>> s : submitters) {
            for (CompletableFuture<String> f : s.get(WAIT_SECONDS, TimeUnit.SECONDS)) {
                assertThat(f.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("row-" + item++);
            }
        }

        List<Integer> written;
        synchronized (work.batches) {
            written = work.batches.stream().flatMap(List::stream).sorted().toList();
            assertThat(work.batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 32));
        }
        assertThat(written).hasSize(2000).doesNotHaveDuplicates();
    }

    @Test
    void fullQueueFailsAtOnceWithStoreUnavailable() throws Exception {
        GroupCommitter<Integer, String> c = committer(2, 10, 1);
        CompletableFuture<String> first = holdTheWriter(c);
        CompletableFuture<String> queued1 = c.submit(1);
        CompletableFuture<String> queued2 = c.submit(2);

        CompletableFuture<String> overflow = c.submit(3);

        assertThat(overflow).isCompletedExceptionally();
        assertThat(failureOf(overflow)).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("full");
        assertThat(c.depth()).isEqualTo(2);
        work.release.countDown();
        assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("row-0");
        assertThat(queued1.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("row-1");
        assertThat(queued2.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("row-2");
        assertThat(work.batches).noneMatch(b -> b.contains(3));
    }

    @Test
    void aFailingBatchFailsItsOwnItemsOnly() throws Exception {
        GroupCommitter<Integer, String> c = committer(100, 2, 1);
        work.poison = 1;
        CompletableFuture<String> first = holdTheWriter(c);
        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            queued.add(c.submit(i)); // one writer, max 2: batches [1, 2] and [3, 4]
        }
        work.release.countDown();

        assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("row-0");
        assertThat(failureOf(queued.get(0))).isInstanceOf(StoreUnavailableException.class)
                .hasRootCauseInstanceOf(java.sql.SQLException.class);
        assertThat(failureOf(queued.get(1))).isInstanceOf(StoreUnavailableException.class);
        assertThat(queued.get(2).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("row-3");
        assertThat(queued.get(3).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("row-4");
        assertThat(work.batches).containsExactly(List.of(0), List.of(1, 2), List.of(3, 4));
        // and the writer keeps serving after the failure
        assertThat(c.submit(5).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("row-5");
    }

    @Test
    void aBatchFailingWithAnErrorFailsItsItemsAndTheWriterLivesOn() throws Exception {
        GroupCommitter<Integer, String> c = committer(100, 2, 1);
        work.poison = 1;
        work.poisonThrowsError = true;
        holdTheWriter(c);
        CompletableFuture<String> poisoned = c.submit(1);
        work.release.countDown();

        assertThat(failureOf(poisoned)).isInstanceOf(StoreUnavailableException.class)
                .hasCauseInstanceOf(LinkageError.class);
        // the only writer thread is still there to write the next item
        assertThat(c.submit(2).get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("row-2");
    }

    @Test
    void observerIsToldEveryWrittenBatch() throws Exception {
        GroupCommitter<Integer, String> c = committer(100, 10, 1);
        List<Integer> observed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger negativeDurations = new AtomicInteger();
        c.observe((size, nanos) -> {
            observed.add(size);
            if (nanos < 0) {
                negativeDurations.incrementAndGet();
            }
        });
        holdTheWriter(c);
        c.submit(1);
        c.submit(2);
        CompletableFuture<String> last = c.submit(3);
        work.release.countDown();
        last.get(WAIT_SECONDS, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(WAIT_SECONDS))
                .untilAsserted(() -> assertThat(observed).containsExactly(1, 3));
        assertThat(negativeDurations).hasValue(0);
    }

    @Test
    void closeWritesWhatIsQueuedThenRefusesNewItems() throws Exception {
        GroupCommitter<Integer, String> c = committer(100, 10, 1);
        CompletableFuture<String> first = holdTheWriter(c);
        CompletableFuture<String> queued = c.submit(1);
        work.release.countDown();

        c.close();

        assertThat(first).isCompletedWithValue("row-0");
        assertThat(queued).isCompletedWithValue("row-1");
        CompletableFuture<String> late = c.submit(2);
        assertThat(late).isCompletedExceptionally();
        assertThat(failureOf(late)).isInstanceOf(StoreUnavailableException.class);
    }
}
