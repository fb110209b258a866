package io.orderhub.execute.mapping;

/**
 * A downstream payload could not be built: an unknown system, a mapping file that does not compile, or an evaluation
 * that failed. The message names the system, the file and, where JSONata reports one, the failing line.
 */
public class DownstreamMappingException extends RuntimeException {

    private final String system;

    public DownstreamMappingException(String system, String message, Throwable cause) {
        super(message, cause);
        this.system = system;
    }

    /** A helper function rejected its argument; the system is added when the evaluation error is reported. */
    static DownstreamMappingException helper(String function, String detail) {
        return new DownstreamMappingException(null, "$" + function + ": " + detail, null);
    }

    /** The downstream system whose mapping failed (erp, wms, ...); null only for a helper's own error. */
    public String system() {
        return system;
    }
}
