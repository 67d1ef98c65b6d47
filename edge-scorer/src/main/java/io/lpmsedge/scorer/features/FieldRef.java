package io.lpmsedge.scorer.features;

import io.lpmsedge.protocol.data.Output;

/**
 * One component of one reading output, written {@code acc[0]} (or just {@code pressure} for a scalar).
 * Keys are those of {@link Output#key()}, the same as in decode output and bridge records.
 */
public record FieldRef(Output output, int component) {
    public FieldRef {
        if (component < 0 || component >= output.components()) {
            throw new IllegalArgumentException("field " + output.key() + "[" + component + "] does not exist: '"
                    + output.key() + "' has components 0.." + (output.components() - 1));
        }
    }

    /** Parses {@code acc[2]}, {@code quat[0]} or {@code pressure}. */
    public static FieldRef parse(String text) {
        String t = text.strip();
        int open = t.indexOf('[');
        String key = open < 0 ? t : t.substring(0, open);
        Output o;
        try {
            o = Output.byKey(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown reading field '" + text + "'; use one of " + Output.keys()
                    + ", with [i] for a component, e.g. acc[0]");
        }
        if (open < 0) {
            if (o.components() != 1) {
                throw new IllegalArgumentException("reading field '" + text + "' has " + o.components()
                        + " components; name one, e.g. " + key + "[0]");
            }
            return new FieldRef(o, 0);
        }
        if (!t.endsWith("]")) {
            throw new IllegalArgumentException("reading field '" + text + "' is malformed; write it like acc[0]");
        }
        int component;
        try {
            component = Integer.parseInt(t.substring(open + 1, t.length() - 1).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "reading field '" + text + "' has a non-numeric index; write it like acc[0]");
        }
        return new FieldRef(o, component);
    }

    @Override
    public String toString() {
        return output.components() == 1 ? output.key() : output.key() + "[" + component + "]";
    }
}
