package io.orderhub.execute.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The record keeping of one sandbox system: first answers, one record per business id, counts per key. */
class DownstreamBookTest {

    final DownstreamBook book = new DownstreamBook();
    final AtomicInteger ids = new AtomicInteger();

    Map<String, Object> create(String key, String businessId) {
        return book.once(key, () -> Map.of("id",
                book.record(key, businessId, () -> "R" + ids.incrementAndGet(), new byte[]{1}).entry().id()));
    }

    @Test
    void aRepeatedKeyGetsTheFirstAnswerAndCreatesNothing() {
        Map<String, Object> first = create("k1", "order-1");
        Map<String, Object> again = create("k1", "order-1");

        assertThat(again).isSameAs(first).containsEntry("id", "R1");
        assertThat(book.entries()).hasSize(1);
        assertThat(book.key("k1")).contains(new DownstreamBook.KeyStats("k1", 2, 1, 0));
        assertThat(book.counts()).isEqualTo(new DownstreamBook.Counts(1, 1, 1, 0));
    }

    @Test
    void aKnownBusinessIdUnderANewKeyIsTheSameRecord() {
        create("k1", "order-1");
        Map<String, Object> other = create("k2", "order-1");

        assertThat(other).containsEntry("id", "R1");
        assertThat(book.entries()).singleElement().satisfies(e -> {
            assertThat(e.createdBy()).isEqualTo("k1");
            assertThat(e.keys()).containsExactly("k1", "k2");
        });
        assertThat(book.key("k2").orElseThrow().created()).isZero();
    }

    @Test
    void updatesAreCountedOnTheKeyThatMadeThem() {
        create("k1", "order-1");
        book.once("k2", () -> {
            DownstreamBook.Touch t = book.record("k2", "order-1", () -> "never", new byte[]{2});
            book.update("k2", t.entry(), new byte[]{2});
            return Map.of();
        });

        assertThat(book.key("k2")).contains(new DownstreamBook.KeyStats("k2", 1, 0, 1));
        assertThat(book.entries().get(0).updates()).isEqualTo(1);
        assertThat(book.entries().get(0).lastBody()).hasValueSatisfying(b -> assertThat(b).containsExactly(2));
        assertThat(book.counts().updated()).isEqualTo(1);
    }

    @Test
    void workThatFailsLeavesTheKeyOpenForTheRetry() {
        assertThatThrownBy(() -> book.once("k1", () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(create("k1", "order-1")).containsEntry("id", "R1");
        assertThat(book.key("k1").orElseThrow().sent()).isEqualTo(2);
        assertThat(book.counts().duplicates()).isZero();
    }

    @Test
    void concurrentRepeatsOfOneKeyCreateOneRecord() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Map<String, Object>>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(() -> create("k1", "order-1"));
            }
            List<Object> answers = new ArrayList<>();
            for (Future<Map<String, Object>> f : pool.invokeAll(calls)) {
                answers.add(f.get().get("id"));
            }
            assertThat(answers).containsOnly("R1");
        } finally {
            pool.shutdownNow();
        }
        assertThat(book.entries()).hasSize(1);
        assertThat(book.key("k1")).contains(new DownstreamBook.KeyStats("k1", 64, 1, 0));
        assertThat(book.counts().duplicates()).isEqualTo(63);
    }

    @Test
    void clearForgetsRecordsAndKeys() {
        create("k1", "order-1");
        book.clear();

        assertThat(book.entries()).isEmpty();
        assertThat(book.key("k1")).isEmpty();
        assertThat(book.counts()).isEqualTo(new DownstreamBook.Counts(0, 0, 0, 0));
        assertThat(create("k1", "order-1")).containsEntry("id", "R2");
    }
}
