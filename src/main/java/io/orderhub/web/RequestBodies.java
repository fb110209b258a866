package io.orderhub.web;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.WebServerRequest;

/**
 * A request's body as the bytes received. platform-http on Vert.x hands a url-encoded form over as decoded fields
 * (headers here) and leaves the message body empty, even with {@code populateBodyWithForm=false}; the body handler
 * has the raw bytes all the same, on the request's routing context. Intake archives exactly what a platform sent and
 * carriers sign their form pushes, so both read the body here.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static byte[] bytes(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body != null && body.length > 0) {
            return body;
        }
        if (exchange.getMessage() instanceof HttpMessage http && http.getRequest() instanceof WebServerRequest web) {
            RequestBody raw = web.routingContext().body();
            if (raw != null && raw.buffer() != null && raw.length() > 0) {
                return raw.buffer().getBytes();
            }
        }
        return body;
    }
}
