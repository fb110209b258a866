package io.orderhub.execute;

import java.util.Comparator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.component.seda.PriorityBlockingQueueFactory;

/**
 * The priority order of {@code seda:commands}: higher priority first (VIP > NEW > REGULAR, plus age), then older
 * first — so a VIP order that arrives behind 10,000 regular ones is next out of the queue.
 */
@ApplicationScoped
public class CommandQueue {

    static final Comparator<Exchange> ORDER = Comparator
            .comparingInt((Exchange e) -> -e.getMessage().getBody(Sendable.class).priority())
            .thenComparing(e -> e.getMessage().getBody(Sendable.class).createdAt());

    @Produces
    @Named("commandQueueFactory")
    PriorityBlockingQueueFactory<Exchange> commandQueueFactory() {
        PriorityBlockingQueueFactory<Exchange> factory = new PriorityBlockingQueueFactory<>();
        factory.setComparator(ORDER);
        return factory;
    }
}
