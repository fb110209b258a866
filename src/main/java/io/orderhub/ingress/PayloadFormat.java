package io.orderhub.ingress;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/** Basic well-formedness of a body for its media type, checked by streaming (no tree is built on the hot path). */
public final class PayloadFormat {

    private static final JsonFactory JSON = new JsonFactory();
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        // pushes come from outside: no DTDs, no external entities (XXE)
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private PayloadFormat() {
    }

    /** The media type without parameters, lower case. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** Throws a 400 malformed_payload rejection when the body is not well-formed for its media type. */
    public static void check(String mediaType, byte[] body) {
        if (body.length == 0) {
            throw IntakeRejection.malformed("empty body");
        }
        if (mediaType.endsWith("json")) {
            checkJson(body);
        } else if (mediaType.endsWith("xml")) {
            checkXml(body);
        } else if (mediaType.equals("application/x-www-form-urlencoded")) {
            checkForm(body);
        }
    }

    private static void checkJson(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                throw IntakeRejection.malformed("JSON body must be an object or an array");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw IntakeRejection.malformed("trailing content after the JSON value at "
                        + p.currentLocation().offsetDescription());
            }
        } catch (JsonProcessingException e) {
            throw IntakeRejection.malformed("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw IntakeRejection.malformed("unreadable JSON: " + e.getMessage());
        }
    }

    private static void checkXml(byte[] body) {
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(body));
            while (r.hasNext()) {
                // SUPPORT_DTD=false only stops the DTD being processed; a DOCTYPE itself would still pass
                if (r.next() == XMLStreamConstants.DTD) {
                    throw IntakeRejection.malformed("XML with a DTD (<!DOCTYPE>) is not accepted");
                }
            }
            r.close();
        } catch (XMLStreamException e) {
            throw IntakeRejection.malformed("invalid XML: " + e.getMessage());
        }
    }

    private static void checkForm(byte[] body) {
        try {
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                URLDecoder.decode(pair, StandardCharsets.UTF_8);
            }
        } catch (IllegalArgumentException e) {
            throw IntakeRejection.malformed("invalid form encoding: " + e.getMessage());
        }
    }
}
