package io.orderhub.mapping;

/** A mapping could not produce an order; the message is the full park reason (e.g. {@code mapping: $fen: ...}). */
public class MappingException extends RuntimeException {

    public MappingException(String reason) {
        super(reason);
    }

    /** A helper function rejected its argument; the reason names the function and the offending value. */
    public static MappingException helper(String function, String detail) {
        return new MappingException("mapping: $" + function + ": " + detail);
    }
}
