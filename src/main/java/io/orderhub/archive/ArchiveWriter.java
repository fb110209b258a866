package io.orderhub.archive;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.orderhub.config.OrderHubConfig;
import io.orderhub.ops.HubMetrics;

/** The durable write of the receive layer: raw payloads into the archive by group commit. */
@ApplicationScoped
public class ArchiveWriter {

    private final GroupCommitter<RawPayload, ArchiveResult> committer;
    private final Duration timeout;

    public ArchiveWriter(ArchiveStore store, OrderHubConfig config, HubMetrics metrics) {
        OrderHubConfig.Writer w = config.intake().writer();
        this.committer = new GroupCommitter<>("archive", w.queueCapacity(), w.maxBatch(), w.threads(), store::append);
        this.timeout = w.timeout();
        committer.observe(metrics.batches("archive"));
        metrics.queueDepth("archive", committer::depth);
    }

    /** Returns once the payload is committed to the archive; throws {@link StoreUnavailableException} otherwise. */
    public ArchiveResult append(RawPayload payload) {
        try {
            return committer.submit(payload).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreUnavailableException s) {
                throw s;
            }
            throw new StoreUnavailableException("archive write failed", e.getCause());
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("archive write took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while writing", e);
        }
    }

    @PreDestroy
    void close() {
        committer.close();
    }
}
