package io.orderhub.connector.api;

import java.util.Map;

/**
 * A signed request, ready to send: the connector core joins {@code path} to the shop's base URL for {@code base},
 * appends {@code query} (URL-encoded, in map order) and sends {@code body} with {@code contentType}.
 *
 * @param operation the platform's API name (e.g. {@code taobao.trade.fullinfo.get}), for metrics and errors; never
 *        carries secrets
 */
public record PlatformRequest(String operation, Base base, String method, String path, Map<String, String> query,
        Map<String, String> headers, String contentType, byte[] body) {

    /** Most platforms serve OAuth on the API host; JD and WeChat keep it apart. */
    public enum Base {
        API, AUTH
    }

    @Override
    public String toString() {
        // query and body carry signatures and tokens: never printed
        return "PlatformRequest[" + operation + " " + method + " " + path + "]";
    }
}
