package io.orderhub.archive;

/** The durable store cannot take writes now (down, too slow, or its write queue is full): answer 503, retry later. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
