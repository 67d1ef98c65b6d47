package io.lpmsedge.bridge.delivery.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the far side said in an error body, in its own words, made safe for one log line. Reads every shape met in
 * front of a REST proxy:
 * <ul>
 *   <li>Confluent: {@code {"error_code":40401,"message":"Topic not found."}} (v2 per-record entries use
 *   {@code "error"} for the text);</li>
 *   <li>Strimzi HTTP Bridge: {@code {"error_code":404,"message":"Not Found"}} (HTTP-style codes);</li>
 *   <li>any other JSON (its compact text), an HTML page from a front end such as nginx (its {@code <title>}, else
 *   its text without tags), plain text, or nothing.</li>
 * </ul>
 *
 * @param code    the body's {@code error_code}, or -1 when it has none (HTML, text, foreign JSON)
 * @param message the far side's text: never null, never empty, one line of at most {@link #MAX_CHARS}
 * @param proxyShaped whether the body is a REST proxy's own error object ({@code error_code} and a message),
 *                    i.e. the proxy itself answered, not a front end or something else at that address
 */
public record ProxyError(int code, String message, boolean proxyShaped) {
    /** A log line stays readable: a 10 MB HTML page becomes its first 300 characters. */
    static final int MAX_CHARS = 300;

    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern TITLE =
            Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SCRIPT =
            Pattern.compile("<(script|style)[^>]*>.*?</\\1>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** {@code code: message}, or just the message when there is no code. */
    @Override
    public String toString() {
        return code < 0 ? message : code + ": " + message;
    }

    /** Reads an error body of any shape. {@code contentType} may be null. */
    public static ProxyError parse(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            return new ProxyError(-1, "(empty body)", false);
        }
        // Only the start matters for a log line; a huge page is not parsed whole.
        int n = Math.min(body.length, 64 * 1024);
        String text = new String(body, 0, n, StandardCharsets.UTF_8);
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            ProxyError json = json(body, n);
            if (json != null) {
                return json;
            }
        }
        boolean html =
                (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html"))
                        || trimmed.regionMatches(true, 0, "<!doctype", 0, 9)
                        || trimmed.regionMatches(true, 0, "<html", 0, 5);
        if (html) {
            Matcher title = TITLE.matcher(trimmed);
            String words = title.find() && !safe(unescape(title.group(1))).isEmpty()
                    ? title.group(1)
                    : TAG.matcher(SCRIPT.matcher(trimmed).replaceAll(" ")).replaceAll(" ");
            return new ProxyError(-1, orEmpty(safe(unescape(words))), false);
        }
        return new ProxyError(-1, orEmpty(safe(trimmed)), false);
    }

    /**
     * {@code error_code} and the first of {@code message}, {@code error}, {@code error_message}, {@code detail},
     * {@code title}; a JSON object without a text field is shown as its compact JSON. Null when not JSON.
     */
    private static ProxyError json(byte[] body, int n) {
        int code = -1;
        String message = null;
        int rank = Integer.MAX_VALUE;
        try (JsonParser p = JSON.createParser(body, 0, n)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken v = p.nextToken();
                if ("error_code".equals(f) && v == JsonToken.VALUE_NUMBER_INT) {
                    code = p.getIntValue();
                } else if (v == JsonToken.VALUE_STRING && textRank(f) < rank) {
                    rank = textRank(f);
                    message = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            if (message == null && code < 0) {
                return null; // not JSON after all (or cut before anything useful): shown as text
            }
        }
        boolean proxyShaped = code >= 0 && message != null;
        if (message == null || safe(message).isEmpty()) {
            message = new String(body, 0, n, StandardCharsets.UTF_8);
        }
        return new ProxyError(code, orEmpty(safe(message)), proxyShaped);
    }

    private static int textRank(String field) {
        switch (field) {
            case "message":
                return 0;
            case "error":
                return 1;
            case "error_message":
                return 2;
            case "detail":
                return 3;
            case "title":
                return 4;
            default:
                return Integer.MAX_VALUE;
        }
    }

    /**
     * One line a terminal and a log collector take as it is: control characters (newlines, escapes) become
     * spaces, runs of blanks one space, at most {@link #MAX_CHARS} characters.
     */
    static String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_CHARS + 1));
        boolean blank = false;
        for (int i = 0; i < s.length() && out.length() <= MAX_CHARS; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\uFFFD') {
                blank = out.length() > 0;
                continue;
            }
            if (blank) {
                out.append(' ');
                blank = false;
            }
            out.append(c);
        }
        if (out.length() > MAX_CHARS) {
            out.setLength(MAX_CHARS);
            out.append('…');
        }
        return out.toString();
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&");
    }

    private static String orEmpty(String s) {
        return s.isEmpty() ? "(blank body)" : s;
    }
}
