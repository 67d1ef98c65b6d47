package io.lpmsedge.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonLayoutReader} gives exactly what Jackson ({@link RecordDecoder}) gives, or declines: compared through
 * {@link ReadingRecordDecoder} with and without it, on records the writer produces from generated readings (every
 * output subset, NaN, infinities, −0.0, subnormals, exponents, float32 and int16/divisor values, names with quotes,
 * escapes and UTF-8) and on those records mutated the ways another producer or a damaged value would differ
 * (whitespace, key order, duplicate and unknown keys, other number spellings, escapes, another schema, cuts).
 * Equal means: the same lineage and bit-identical sample, or the same error message.
 */
class JsonLayoutReaderTest {
    private final ReadingRecordDecoder withLayout = new ReadingRecordDecoder();
    private final ReadingRecordDecoder jacksonOnly = new ReadingRecordDecoder(false);

    /** What a decoder made of a value: the lineage and every field bit by bit, or its error message. */
    private static String outcome(ReadingRecordDecoder d, byte[] value) {
        Sample s = new Sample();
        try {
            Lineage l = d.decode(value, s);
            StringBuilder b = new StringBuilder(l.toString())
                    .append(" id=")
                    .append(s.sensorId())
                    .append(" tick=")
                    .append(s.tick())
                    .append(" t=")
                    .append(Double.doubleToLongBits(s.sensorTime()))
                    .append(" recv=")
                    .append(s.receivedAtNanos())
                    .append(" present=")
                    .append(s.presentMask());
            for (Output o : Output.values()) {
                if (s.has(o)) {
                    b.append(' ').append(o.key()).append('=');
                    for (int i = 0; i < o.components(); i++) {
                        b.append(Double.doubleToLongBits(s.get(o, i))).append(',');
                    }
                }
            }
            return b.toString();
        } catch (UnknownFormatException e) {
            return "error: " + e.getMessage();
        }
    }

    private void assertSameAsJackson(byte[] value) {
        assertEquals(
                outcome(jacksonOnly, value),
                outcome(withLayout, value),
                () -> "for " + new String(value, StandardCharsets.UTF_8));
    }

    private static boolean takenByLayout(byte[] value) {
        return new JsonLayoutReader().read(value, new Sample()) != null;
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE) // the awkward values are in the generators
    void writtenRecordsDecodeAsJacksonDecodesThem(@ForAll("readings") Reading r) {
        byte[] value = new JsonRecordFormat().encode(r);
        assertSameAsJackson(value);
        // The reader must not just decline everything: it takes every record in the plain layout.
        boolean plain = r.lineage() != null && plainAscii(r.lineage()) && allFinite(r);
        assertEquals(plain, takenByLayout(value), () -> new String(value, StandardCharsets.UTF_8));
        Statistics.collect(plain ? "taken" : "declined");
    }

    @Property(tries = 5000, edgeCases = EdgeCasesMode.NONE)
    void mutatedRecordsDecodeAsJacksonDecodesThem(
            @ForAll("readings") Reading r, @ForAll Mutation m, @ForAll long seed) {
        String json = new String(new JsonRecordFormat().encode(r), StandardCharsets.UTF_8);
        byte[] value = m.apply(json, new Random(seed));
        assertSameAsJackson(value);
        // Some mutations keep the layout (another number spelling, a no-op): those must be taken and equal too.
        Statistics.label("taken").collect(takenByLayout(value));
        Statistics.label("taken").coverage(c -> c.check(true).percentage(p -> p >= 5));
    }

    @Test
    void edgeCasesOfTheWriterAndOfOtherProducers() {
        String head = "{\"schema\":1,\"sensor\":\"arm-1\",\"bridge\":\"pi\",\"bootId\":\"b-1\",\"seq\":7,"
                + "\"linkEpoch\":2,\"sensorId\":3,\"ticks\":400,\"t\":1.0";
        List<String> taken = List.of(
                head + "}",
                head + ",\"recvNs\":-5}",
                head + ",\"pressure\":-0}", // an integer token: Jackson's double is +0.0
                head + ",\"pressure\":-0.0}",
                head + ",\"pressure\":1E+400}", // Infinity, as Jackson rounds it
                head + ",\"pressure\":4.9E-324,\"temperature\":1e-400}",
                head + ",\"acc\":[1.0E-5,-2.5E10,-9223372036854775808],\"humidity\":0.5}",
                head.replace("\"seq\":7", "\"seq\":9223372036854775807") + "}",
                // 16-bit mode: short decimals; 32-bit: float32 widened; outputs missing either way
                head + ",\"gyro\":[0.012,-1.5,0.0],\"pressure\":101.325}",
                head + ",\"quat\":[0.7071067690849304,0.0,0.0,0.7071067690849304]}");
        for (String v : taken) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            assertNotNull(new JsonLayoutReader().read(b, new Sample()), v);
            assertSameAsJackson(b);
        }
        List<String> declined = List.of(
                head.replace("\"t\":1.0", "\"t\":\"NaN\"") + "}", // how the writer writes NaN
                head + ",\"acc\":[\"Infinity\",0.0,\"-Infinity\"]}",
                head + ",\"pressure\":null}",
                head + ",\"pressure\":01}",
                head + ",\"pressure\":+1}",
                head + ",\"pressure\":.5}",
                head + ",\"pressure\":5.}",
                head + ",\"pressure\":1e}",
                head + ",\"pressure\":9223372036854775808}", // beyond a long: Jackson's BigInteger
                head + ",\"acc\":[1.0,2.0]}",
                head + ",\"acc\":[1.0,2.0,3.0,4.0]}",
                head + ",\"acc\":[1.0,2.0,3.0],\"gyro\":[1.0,2.0,3.0]}", // not in Output order
                head + ",\"pressure\":1.0,\"pressure\":2.0}",
                head + ",\"future\":1}",
                head + "} ",
                head + "}x",
                " " + head + "}",
                head.replace(":", ": ") + "}",
                head.replace("arm-1", "arm\\u002D1") + "}",
                head.replace("arm-1", "Größe") + "}",
                head.replace("\"schema\":1", "\"schema\":2") + "}",
                head.replace("\"schema\":1", "\"schema\":1.0") + "}",
                head.replace("\"sensorId\":3", "\"sensorId\":2147483648") + "}",
                head.replace("\"seq\":7", "\"seq\":7.0") + "}",
                head.replace("\"seq\":7", "\"seq\":null") + "}",
                head);
        for (String v : declined) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            assertNull(new JsonLayoutReader().read(b, new Sample()), v);
            assertSameAsJackson(b);
        }
    }

    @Test
    void repeatedNamesAreTheSameStringInstance() throws Exception {
        Reading r = new Sample().header(1, 4, 0.01, 0).toReading();
        Lineage a = withLayout.decode(
                new JsonRecordFormat().encode(r.withLineage(new Lineage("pi", "arm-1", "b", 1, 0))), new Sample());
        Lineage b = withLayout.decode(
                new JsonRecordFormat().encode(r.withLineage(new Lineage("pi", "arm-1", "b", 2, 0))), new Sample());
        assertSame(a.sensorName(), b.sensorName());
        assertSame(a.bootId(), b.bootId());
    }

    @Property(tries = 200)
    void theStringCacheAlwaysGivesTheStringOfTheBytes(@ForAll("names") List<String> names) {
        AsciiStrings cache = new AsciiStrings(16); // small: forces probing and replacement
        for (int round = 0; round < 3; round++) {
            for (String n : names) {
                byte[] padded = ("<" + n + ">").getBytes(StandardCharsets.US_ASCII);
                assertEquals(n, cache.get(padded, 1, padded.length - 1));
            }
        }
    }

    @Provide
    Arbitrary<List<String>> names() {
        return Arbitraries.strings()
                .withCharRange(' ', '~')
                .ofMaxLength(12)
                .list()
                .ofMaxSize(60);
    }

    private static boolean plainAscii(Lineage l) {
        return plainAscii(l.sensorName()) && plainAscii(l.bridge()) && plainAscii(l.bootId());
    }

    private static boolean plainAscii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != '"' && c != '\\');
    }

    private static boolean allFinite(Reading r) {
        if (!Double.isFinite(r.sensorTime())) {
            return false;
        }
        for (Output o : Output.values()) {
            for (int i = 0; r.has(o) && i < o.components(); i++) {
                if (!Double.isFinite(r.get(o, i))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Provide
    Arbitrary<Reading> readings() {
        Arbitrary<Lineage> lineage = Combinators.combine(
                        name(), name(), name(), longs(), Arbitraries.longs().between(0, 1000))
                .as(Lineage::new);
        Arbitrary<Sample> header = Combinators.combine(
                        Arbitraries.oneOf(
                                Arbitraries.integers().between(0, 255),
                                Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE)),
                        longs(),
                        doubles(),
                        Arbitraries.oneOf(Arbitraries.just(0L), longs()))
                .as((id, tick, t, recv) -> new Sample().header(id, tick, t, recv));
        Arbitrary<List<Output>> present = Arbitraries.of(Output.values()).set().map(ArrayList::new);
        Arbitrary<List<Double>> values = doubles().list().ofSize(Output.SLOTS);
        return Combinators.combine(
                        header, present, values, lineage, Arbitraries.integers().between(0, 9))
                .as((s, outs, v, l, noLineage) -> {
                    int k = 0;
                    for (Output o : outs) {
                        for (int i = 0; i < o.components(); i++) {
                            s.set(o, i, v.get(k++));
                        }
                    }
                    return s.toReading().withLineage(noLineage == 0 ? null : l);
                });
    }

    private static Arbitrary<String> name() {
        // Mostly names as people give them (the common case must be taken); the rest to be declined alike.
        return weighted(
                30,
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .withCharRange('A', 'Z')
                        .withCharRange('0', '9')
                        .withChars('-', '_', '.', ' ')
                        .ofMinLength(1)
                        .ofMaxLength(40),
                Arbitraries.oneOf(
                        Arbitraries.strings().all().ofMaxLength(8), // quotes, backslashes, controls, UTF-8
                        Arbitraries.of("", "a\"b", "a\\b", "tab\there", "Größe-3", "\u007f")));
    }

    /** {@code common} {@code weight} times as often as {@code rare}. */
    private static <T> Arbitrary<T> weighted(int weight, Arbitrary<T> common, Arbitrary<T> rare) {
        return Arbitraries.integers().between(0, weight).flatMap(i -> i < weight ? common : rare);
    }

    private static Arbitrary<Long> longs() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 1L << 32),
                Arbitraries.longs(),
                Arbitraries.of(
                        Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L));
    }

    /** The doubles a bridge writes (32-bit floats, 16-bit int/divisor) and every awkward one. */
    private static Arbitrary<Double> doubles() {
        return weighted(
                40,
                Arbitraries.oneOf(
                        Arbitraries.doubles().between(-10, 10),
                        Arbitraries.floats().between(-2000, 2000).map(f -> (double) f),
                        Combinators.combine(
                                        Arbitraries.integers().between(Short.MIN_VALUE, Short.MAX_VALUE),
                                        Arbitraries.of(1.0, 10.0, 100.0, 1000.0, 10000.0))
                                .as((m, d) -> m / d)),
                Arbitraries.oneOf(
                        Arbitraries.longs().map(Double::longBitsToDouble),
                        Arbitraries.of(
                                0.0,
                                -0.0,
                                Double.NaN,
                                Double.POSITIVE_INFINITY,
                                Double.NEGATIVE_INFINITY,
                                Double.MIN_VALUE,
                                Double.MAX_VALUE,
                                Double.MIN_NORMAL,
                                1e22,
                                1e23,
                                1e-5,
                                9007199254740993.0,
                                123456789012345678.0)));
    }

    /** Ways a value can differ from the writer's layout. */
    enum Mutation {
        NONE {
            @Override
            String mutate(String json, Random r) {
                return json;
            }
        },
        WHITESPACE {
            @Override
            String mutate(String json, Random r) {
                int at = r.nextInt(json.length() + 1);
                return json.substring(0, at) + " \n\t".charAt(r.nextInt(3)) + json.substring(at);
            }
        },
        DELETE_BYTE {
            @Override
            String mutate(String json, Random r) {
                int at = r.nextInt(json.length());
                return json.substring(0, at) + json.substring(at + 1);
            }
        },
        REPLACE_BYTE {
            @Override
            String mutate(String json, Random r) {
                int at = r.nextInt(json.length());
                String with = "\"\\,:{}[]0-.eE+x1 \u0000é";
                return json.substring(0, at) + with.charAt(r.nextInt(with.length())) + json.substring(at + 1);
            }
        },
        CUT {
            @Override
            String mutate(String json, Random r) {
                return json.substring(0, r.nextInt(json.length()));
            }
        },
        TRAILING {
            @Override
            String mutate(String json, Random r) {
                return json + List.of("x", " ", "}", ",", "{}").get(r.nextInt(5));
            }
        },
        SHUFFLE_KEYS {
            @Override
            String mutate(String json, Random r) {
                List<String> members = members(json);
                Collections.swap(members, r.nextInt(members.size()), r.nextInt(members.size()));
                return join(members);
            }
        },
        DUPLICATE_KEY {
            @Override
            String mutate(String json, Random r) {
                List<String> members = members(json);
                members.add(r.nextInt(members.size() + 1), members.get(r.nextInt(members.size())));
                return join(members);
            }
        },
        DROP_KEY {
            @Override
            String mutate(String json, Random r) {
                List<String> members = members(json);
                members.remove(r.nextInt(members.size()));
                return join(members);
            }
        },
        UNKNOWN_KEY {
            @Override
            String mutate(String json, Random r) {
                List<String> members = members(json);
                String extra = List.of("\"future\":1", "\"x\":{\"a\":[1,2]}", "\"acc2\":[1]", "\"note\":\"hi\"")
                        .get(r.nextInt(4));
                members.add(r.nextInt(members.size() + 1), extra);
                return join(members);
            }
        },
        NUMBER_SPELLING {
            @Override
            String mutate(String json, Random r) {
                List<String> members = members(json);
                int i = r.nextInt(members.size());
                String m = members.get(i);
                String key = m.substring(0, m.indexOf(':') + 1);
                String v = m.substring(key.length());
                String with = List.of(
                                "01",
                                "-0",
                                "-0.0",
                                "0",
                                "1e5",
                                "1E+05",
                                "1.5e-400",
                                "1e400",
                                "+1",
                                ".5",
                                "5.",
                                "-",
                                "123456789012345678",
                                "1234567890123456789",
                                "99999999999999999999",
                                "-9223372036854775808",
                                "4294967296",
                                "2147483648",
                                "\"NaN\"",
                                "\"-Infinity\"",
                                "null",
                                "true",
                                "\"1.5\"",
                                "[1,2,3]",
                                "[1.0,-0,1e-3]",
                                "1.0",
                                "7")
                        .get(r.nextInt(27));
                // In an array: one component; else the whole value.
                if (v.startsWith("[") && r.nextBoolean()) {
                    String[] c = v.substring(1, v.length() - 1).split(",", -1);
                    c[r.nextInt(c.length)] = with;
                    members.set(i, key + "[" + String.join(",", c) + "]");
                } else {
                    members.set(i, key + with);
                }
                return join(members);
            }
        },
        STRING_SPELLING {
            @Override
            String mutate(String json, Random r) {
                String with = List.of("\"a\\u0041\"", "\"\\\"q\"", "\"é\"", "\"\"", "\"a b\"", "\"\\n\"", "1")
                        .get(r.nextInt(7));
                return json.replaceFirst(
                        "\"" + List.of("sensor", "bridge", "bootId").get(r.nextInt(3)) + "\":\"[^\"]*\"",
                        java.util.regex.Matcher.quoteReplacement(
                                "\"" + List.of("sensor", "bridge", "bootId").get(r.nextInt(3)) + "\":" + with));
            }
        },
        SCHEMA {
            @Override
            String mutate(String json, Random r) {
                return json.replaceFirst(
                        "\"schema\":1",
                        List.of("\"schema\":2", "\"schema\":1.0", "\"schema\":\"1\"", "\"schema\":10", "\"schema\":-1")
                                .get(r.nextInt(5)));
            }
        };

        abstract String mutate(String json, Random r);

        byte[] apply(String json, Random r) {
            return mutate(json, r).getBytes(StandardCharsets.UTF_8);
        }

        /** The top-level {@code "key":value} members of a flat record (values: numbers, strings, arrays). */
        static List<String> members(String json) {
            List<String> out = new ArrayList<>();
            int depth = 0;
            boolean inString = false;
            int start = 1;
            for (int i = 1; i < json.length() - 1; i++) {
                char c = json.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    out.add(json.substring(start, i));
                    start = i + 1;
                }
            }
            out.add(json.substring(start, json.length() - 1));
            return out;
        }

        static String join(List<String> members) {
            return "{" + String.join(",", members) + "}";
        }
    }
}
