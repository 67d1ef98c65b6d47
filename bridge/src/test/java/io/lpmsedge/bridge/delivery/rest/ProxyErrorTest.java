package io.lpmsedge.bridge.delivery.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Error bodies of every shape met in front of a REST proxy: the far side's words, one safe line, never null. */
class ProxyErrorTest {
    static ProxyError parse(String body, String type) {
        return ProxyError.parse(body.getBytes(StandardCharsets.UTF_8), type);
    }

    @Test
    void confluentAndStrimziBodiesGiveTheirCodeAndMessage() {
        ProxyError confluent =
                parse("{\"error_code\":40401,\"message\":\"Topic readings not found.\"}", "application/json");
        assertEquals(40401, confluent.code());
        assertEquals("Topic readings not found.", confluent.message());
        assertTrue(confluent.proxyShaped());
        ProxyError strimzi = parse("{\"error_code\":404,\"message\":\"Not Found\"}", "application/vnd.kafka.v2+json");
        assertEquals("404: Not Found", strimzi.toString(), "not '404: null'");
        ProxyError v2Entry = parse("{\"error_code\":50003,\"error\":\"Request timed out\"}", null);
        assertEquals("50003: Request timed out", v2Entry.toString());
    }

    @Test
    void otherJsonIsShownAsItsTextOrItsMessageField() {
        assertEquals(
                "{\"status\":\"down\"}",
                parse("{\"status\":\"down\"}", "application/json").message());
        assertEquals(
                "upstream connect error",
                parse("{\"detail\":\"upstream connect error\",\"code\":7}", null)
                        .message());
        assertFalse(parse("{\"status\":\"down\"}", null).proxyShaped());
        assertEquals("{\"error_code\":5", parse("{\"error_code\":5", null).message(), "cut JSON shown as text");
    }

    @Test
    void htmlPagesGiveTheirTitleOrTheirTextWithoutTags() {
        ProxyError nginx = parse(
                "<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>"
                        + "\r\n<body><center><h1>400 Bad Request</h1></center></body></html>",
                "text/html");
        assertEquals("400 The plain HTTP request was sent to HTTPS port", nginx.message());
        assertEquals(-1, nginx.code());
        assertFalse(nginx.proxyShaped());
        assertEquals(
                "HTTP ERROR 502 Bad Gateway & co",
                parse(
                                "<html><body><h2>HTTP ERROR 502 Bad Gateway &amp; co</h2>"
                                        + "<script>var x = 1;</script></body></html>",
                                null)
                        .message());
    }

    @Test
    void textIsOneSafeBoundedLineAndEmptyIsSaidSo() {
        assertEquals(
                "bad gateway: try later",
                parse("bad gateway:\r\n\ttry later\u001b[31m", "text/plain")
                        .message()
                        .replace("[31m", "")
                        .strip());
        assertEquals("(empty body)", ProxyError.parse(new byte[0], null).message());
        assertEquals("(blank body)", parse(" \n ", null).message());
        String huge = parse("x".repeat(10_000_000), "text/plain").message();
        assertEquals(ProxyError.MAX_CHARS + 1, huge.length(), "cut, with an ellipsis");
        assertFalse(parse("line1\nline2\r\u0000", null).message().matches("(?s).*[\\r\\n\\u0000].*"));
    }
}
