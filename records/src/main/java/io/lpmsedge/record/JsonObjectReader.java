package io.lpmsedge.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the small JSON events the cluster side consumes (status and verdict events) into a tree of maps, lists,
 * strings, numbers and booleans, and gives typed access to its values. Every failure is an exception of the
 * caller's own type, {@code notJson} for bytes that are not one JSON object and {@code invalid} for a missing or
 * mistyped value, with a message that names the value's path, what was found and what was expected. Events are a
 * few hundred bytes each, so clarity wins over a field-by-field streaming reader. Thread-safe.
 *
 * @param <E> the reader's exception (e.g. {@code StatusFormatException})
 */
public final class JsonObjectReader<E extends Exception> {
    /** Makes the caller's exception from a message. */
    public interface Problem<E extends Exception> {
        E because(String message);
    }

    private static final int MAX_DEPTH = 8;
    private final JsonFactory factory = new JsonFactory();
    private final String what;
    private final Problem<E> notJson;
    private final Problem<E> invalid;

    /**
     * @param what what the value should be, for messages ("a status event")
     */
    public JsonObjectReader(String what, Problem<E> notJson, Problem<E> invalid) {
        this.what = what;
        this.notJson = notJson;
        this.invalid = invalid;
    }

    /** The value's top-level object; keys in their order. */
    public Map<String, Object> read(byte[] value) throws E {
        if (value == null || value.length == 0) {
            throw notJson.because("empty value (a tombstone?) where " + what + " was expected");
        }
        try (JsonParser p = factory.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notJson.because("not a JSON object: starts with " + preview(value));
            }
            Map<String, Object> root = object(p, 0);
            if (p.nextToken() != null) {
                throw notJson.because("text after the JSON object: " + preview(value));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw notJson.because("not JSON (" + e.getOriginalMessage() + "): " + preview(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array: cannot happen
        }
    }

    private static String preview(byte[] value) {
        String s =
                new String(value, 0, Math.min(value.length, 40), StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        return "'" + s + (value.length > 40 ? "…'" : "'") + " (" + value.length + " bytes)";
    }

    private Map<String, Object> object(JsonParser p, int depth) throws IOException, E {
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            out.put(name, value(p, depth + 1));
        }
        return out;
    }

    private Object value(JsonParser p, int depth) throws IOException, E {
        if (depth > MAX_DEPTH) {
            throw invalid.because("nested deeper than " + MAX_DEPTH);
        }
        return switch (p.currentToken()) {
            case START_OBJECT -> object(p, depth);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p, depth + 1));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Typed access to one object of the tree; {@code path} ("sensors[0].") prefixes the keys in messages. */
    public Fields fields(Map<String, Object> map, String path) {
        return new Fields(map, path);
    }

    /** One object's values, typed; a value that is not what it should be fails naming its path. */
    public final class Fields {
        private final Map<String, Object> map;
        private final String path;

        private Fields(Map<String, Object> map, String path) {
            this.map = map;
            this.path = path;
        }

        /** Whether {@code key} has a value other than null. */
        public boolean has(String key) {
            return map.get(key) != null;
        }

        public Object raw(String key) {
            return map.get(key);
        }

        public String string(String key) throws E {
            if (!(map.get(key) instanceof String s)) {
                throw wrong(key, "a string");
            }
            return s;
        }

        /** A string, or null where the key is missing or null. */
        public String optionalString(String key) throws E {
            return has(key) ? string(key) : null;
        }

        public long integer(String key) throws E {
            if (!(map.get(key) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw wrong(key, "a whole number");
            }
            return n.longValue();
        }

        public double number(String key) throws E {
            if (!(map.get(key) instanceof Number n)) {
                throw wrong(key, "a number");
            }
            return n.doubleValue();
        }

        public boolean bool(String key) throws E {
            if (!(map.get(key) instanceof Boolean b)) {
                throw wrong(key, "true or false");
            }
            return b;
        }

        @SuppressWarnings("unchecked")
        public Fields object(String key) throws E {
            if (!(map.get(key) instanceof Map<?, ?> m)) {
                throw wrong(key, "an object");
            }
            return new Fields((Map<String, Object>) m, path + key + ".");
        }

        @SuppressWarnings("unchecked")
        public List<Fields> objects(String key) throws E {
            if (!(map.get(key) instanceof List<?> list)) {
                throw wrong(key, "an array");
            }
            List<Fields> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    throw invalid.because(path + key + "[" + i + "] is not an object");
                }
                out.add(new Fields((Map<String, Object>) m, path + key + "[" + i + "]."));
            }
            return out;
        }

        /** "KEY is 'found', expected …" (or "is missing"), as the caller's invalid-value exception. */
        public E wrong(String key, String expected) {
            Object found = map.get(key);
            return invalid.because(
                    path + key + " is " + (found == null ? "missing" : "'" + found + "'") + ", expected " + expected);
        }

        /** The caller's invalid-value exception with this message. */
        public E invalid(String message) {
            return invalid.because(message);
        }
    }
}
