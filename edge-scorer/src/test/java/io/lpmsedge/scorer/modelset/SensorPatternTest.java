package io.lpmsedge.scorer.modelset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SensorPatternTest {
    @Test
    void exactNamesAndGlobs() {
        assertTrue(new SensorPattern("spindle-3").matches("spindle-3"));
        assertFalse(new SensorPattern("spindle-3").matches("spindle-30"));
        assertTrue(new SensorPattern("arm-*").matches("arm-"));
        assertTrue(new SensorPattern("arm-*").matches("arm-12"));
        assertFalse(new SensorPattern("arm-*").matches("robot-arm-1"));
        assertTrue(new SensorPattern("*arm*").matches("robot-arm-1"));
        assertTrue(new SensorPattern("arm-?").matches("arm-7"));
        assertFalse(new SensorPattern("arm-?").matches("arm-17"));
        assertTrue(new SensorPattern("a*b*c").matches("aXXbYYbc"));
        assertFalse(new SensorPattern("a*b*c").matches("aXXbYYbcd"));
        assertTrue(new SensorPattern("*").matches("anything.at_all-1"));
        assertTrue(new SensorPattern("spindle-3").exact());
        assertFalse(new SensorPattern("arm-?").exact());
    }

    @Test
    void patternsWithCharactersNoSensorNameHasAreRefusedWithTheFix() {
        for (String bad : new String[] {"arm-[1-3]", "arm 1", "", "arm/1", "{a,b}"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SensorPattern(bad));
            assertTrue(
                    e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("e.g. \"arm-*\""),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new SensorPattern(null));
    }

    @Property(tries = 2000)
    void matchesLikeTheRegexTranslationOfTheGlob(@ForAll("globs") String glob, @ForAll("names") String name) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        assertEquals(Pattern.matches(re.toString(), name), new SensorPattern(glob).matches(name), glob + " vs " + name);
    }

    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.strings().withChars("ab-*?").ofMinLength(1).ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab-").ofMinLength(0).ofMaxLength(10);
    }
}
