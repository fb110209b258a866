package io.orderhub.execute;

import java.util.Optional;

import io.orderhub.config.OrderHubConfig.DownstreamSystem;

/**
 * A batched system as its transport sees a batch call: POSTed to its batch URL, confirmed by any 2xx (the items'
 * outcomes come from the failed list, not from a success field that is false as soon as one item fails).
 */
record BatchView(DownstreamSystem system) implements DownstreamSystem {

    @Override
    public String transport() {
        return system.transport();
    }

    @Override
    public Optional<String> url() {
        return system.batchUrl().or(system::url);
    }

    @Override
    public Optional<String> successPointer() {
        return Optional.empty();
    }

    @Override
    public Optional<String> successValue() {
        return Optional.empty();
    }

    @Override
    public Optional<String> waybillPointer() {
        return system.waybillPointer();
    }

    @Override
    public Optional<String> destination() {
        return system.destination();
    }

    @Override
    public int batchSize() {
        return system.batchSize();
    }

    @Override
    public Optional<String> batchUrl() {
        return system.batchUrl();
    }

    @Override
    public Optional<String> batchItemsPointer() {
        return system.batchItemsPointer();
    }

    @Override
    public Optional<String> batchKeyPointer() {
        return system.batchKeyPointer();
    }

    @Override
    public Optional<String> batchFailedPointer() {
        return system.batchFailedPointer();
    }

    @Override
    public Optional<String> batchAnswersPointer() {
        return system.batchAnswersPointer();
    }

    @Override
    public Optional<String> rejectPointer() {
        // a batch answer's refusals are per item (the failed list), not one field for the whole call
        return Optional.empty();
    }

    @Override
    public Optional<java.util.List<String>> rejectValues() {
        return Optional.empty();
    }
}
