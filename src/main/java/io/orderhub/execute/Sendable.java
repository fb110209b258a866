package io.orderhub.execute;

import java.time.Instant;

/**
 * What the priority queue {@code seda:commands} carries: one command, or a batch of one system's commands that go out
 * in one call. Both are ordered by priority, then age.
 */
public sealed interface Sendable permits Command, CommandBatch {

    int priority();

    Instant createdAt();
}
