package io.lpmsedge.protocol.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One definition of the stream rates: what a word can say versus what an LPMS-B2 streams at. */
class StreamRatesTest {
    @Test
    void everySupportedRateHasACodeAndTheListedTextSaysExactlyThose() {
        StringBuilder listed = new StringBuilder();
        for (int hz = 1; hz <= 2000; hz++) {
            if (StreamRates.supported(hz)) {
                listed.append(listed.length() == 0 ? "" : ", ").append(hz);
                assertEquals(hz, ConfigWord.of(hz, false).rateHz());
            }
        }
        assertEquals(StreamRates.SUPPORTED_TEXT.replace(" or ", ", "), listed.toString());
    }

    @Test
    void eightHundredIsAWordCodeButNotAConfigurableRate() {
        assertFalse(StreamRates.supported(800));
        assertEquals(7, ConfigWord.rateCode(800));
        assertEquals(800, new ConfigWord(7).rateHz());
        assertEquals(500, StreamFrequencyEncoding.GEN1_CODES.encode(800));
    }

    @Test
    void aRateWithoutACodeIsRefusedWithTheSupportedList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigWord.rateCode(300));
        assertTrue(
                e.getMessage().contains("300 Hz") && e.getMessage().contains(StreamRates.SUPPORTED_TEXT),
                e.getMessage());
    }
}
