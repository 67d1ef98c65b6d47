package io.lpmsedge.scorer.modelset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSetSpecTest {
    private static ModelSetEntry entry(String name, int line, String... patterns) {
        return new ModelSetEntry(
                name,
                Path.of(name + ".zip"),
                null,
                Arrays.stream(patterns).map(SensorPattern::new).toList(),
                "models.toml:" + line);
    }

    @Test
    void theFirstMatchingModelScoresASensorAndANameNoneMatchesHasNoModel() throws Exception {
        ModelSetSpec set = new ModelSetSpec(List.of(
                        entry("arm7", 1, "arm-7"),
                        entry("arm", 5, "arm-*"),
                        entry("spindle", 9, "spindle-3", "spindle-4")))
                .validate();
        assertEquals("arm7", set.modelFor("arm-7").name());
        assertEquals("arm", set.modelFor("arm-1").name());
        assertEquals("spindle", set.modelFor("spindle-4").name());
        assertEquals(2, set.indexFor("spindle-3"));
        assertNull(set.modelFor("conveyor-1"));
        assertEquals(-1, set.indexFor("conveyor-1"));
    }

    @Test
    void everyProblemIsReportedWithWhereItIsAndTheFix() {
        ModelSetException e = assertThrows(
                ModelSetException.class,
                () -> new ModelSetSpec(List.of(
                                entry("arm", 1, "arm-*"),
                                entry("arm", 5, "spindle-1"),
                                entry("arm7", 9, "arm-7"),
                                entry("empty", 13),
                                entry("bad name", 17, "x"),
                                entry("rest", 21, "*"),
                                entry("late", 25, "late-?")))
                        .validate());
        List<String> p = e.problems();
        assertEquals(5, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("models.toml:5: model name 'arm' is already used at models.toml:1"), p.get(0));
        assertTrue(
                p.get(1)
                        .startsWith("models.toml:9: sensor pattern 'arm-7' of model 'arm7' can never match: "
                                + "'arm-*' of model 'arm' (models.toml:1) comes first"),
                p.get(1));
        assertTrue(p.get(1).contains("put the more specific one first"), p.get(1));
        assertTrue(p.get(2).startsWith("models.toml:13: model 'empty' scores no sensor"), p.get(2));
        assertTrue(p.get(3).startsWith("models.toml:17: model name 'bad name' must be"), p.get(3));
        assertTrue(
                p.get(4)
                        .startsWith("models.toml:25: sensor pattern 'late-?' of model 'late' can never match: "
                                + "'*' of model 'rest'"),
                p.get(4));
        assertThrows(ModelSetException.class, () -> new ModelSetSpec(List.of()).validate());
    }

    @Test
    void theSamePatternTwiceIsAMistakeEvenWithinOneModel() {
        ModelSetException e = assertThrows(
                ModelSetException.class, () -> new ModelSetSpec(List.of(entry("arm", 1, "arm-*", "arm-*"))).validate());
        assertTrue(e.getMessage().contains("'arm-*' of model 'arm' can never match"), e.getMessage());
    }
}
