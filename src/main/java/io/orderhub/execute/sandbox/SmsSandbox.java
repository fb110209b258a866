package io.orderhub.execute.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sandbox SMS gateway, answering as Aliyun's {@code SendSms} does: {@code {"Code":"OK","Message":"OK","BizId",
 * "RequestId"}}; parameters from the query, a form or a JSON body. Dedupes on {@code OutId} (else the
 * {@code Idempotency-Key} header); a message with neither is sent every time, as the real gateway does.
 */
@ApplicationScoped
public class SmsSandbox {

    static final List<String> MANDATORY = List.of("PhoneNumbers", "SignName", "TemplateCode");

    private final DownstreamSandbox sandbox;

    public SmsSandbox(DownstreamSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public DownstreamReply send(DownstreamRequest request) {
        var refused = sandbox.refuse(DownstreamSystem.SMS, (status, message) -> error(status,
                status == 503 ? "ServiceUnavailable" : "isp.SYSTEM_ERROR", message));
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode params;
        try {
            params = request.json();
        } catch (IllegalArgumentException e) {
            return error(400, "InvalidParameter", e.getMessage());
        }
        for (String name : MANDATORY) {
            if (params.path(name).asText("").isBlank()) {
                return error(400, "Missing" + name, name + " is mandatory for this action.");
            }
        }
        String outId = params.path("OutId").asText("");
        String key = !outId.isEmpty()
                ? outId
                : request.idempotencyKey().orElse("no-out-id-" + UUID.randomUUID());
        DownstreamBook book = sandbox.book(DownstreamSystem.SMS);
        Map<String, Object> answer = book.once(key, () -> {
            DownstreamRecord entry = book.record(key, key, () -> sandbox.nextId("", 18) + "^0", request.body())
                    .entry();
            entry.attribute("phoneNumbers", params.path("PhoneNumbers").asText());
            entry.attribute("templateCode", params.path("TemplateCode").asText());
            Map<String, Object> ok = new LinkedHashMap<>();
            ok.put("Code", "OK");
            ok.put("Message", "OK");
            ok.put("BizId", entry.id());
            ok.put("RequestId", requestId());
            return ok;
        });
        return DownstreamReply.json(200, answer);
    }

    static DownstreamReply error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Code", code);
        body.put("Message", message);
        body.put("RequestId", requestId());
        return DownstreamReply.json(status, body);
    }

    private static String requestId() {
        return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }
}
