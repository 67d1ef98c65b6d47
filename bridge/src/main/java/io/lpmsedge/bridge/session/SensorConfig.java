package io.lpmsedge.bridge.session;

import io.lpmsedge.bridge.link.LinkAddress;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import java.util.Set;

/**
 * One sensor ({@code [[sensor]]}).
 *
 * @param name           unique within the bridge; the key of its records downstream
 * @param link           where to reach it
 * @param outputs        outputs to enable (SET_TRANSMIT_DATA)
 * @param rateHz         stream rate: 5, 10, 25, 50, 100, 200 or 400
 * @param sixteenBit     16-bit fixed-point data mode instead of 32-bit floats
 * @param profile        firmware profile for divisors, timestamps, SET_STREAM_FREQ encoding
 * @param lpbusId        the LP-BUS id commands are sent with (replies may carry another;
 * docs/lpms-protocol.md#sensor-id)
 * @param resetTimestamp send SET_TIMESTAMP 0 on every connect
 */
public record SensorConfig(
        String name,
        LinkAddress link,
        Set<Output> outputs,
        int rateHz,
        boolean sixteenBit,
        FirmwareProfile profile,
        int lpbusId,
        boolean resetTimestamp) {
    public SensorConfig {
        outputs = Set.copyOf(outputs);
    }

    /** The config word a correctly configured sensor reports back. */
    public ConfigWord expectedConfigWord() {
        return ConfigWord.of(rateHz, sixteenBit, outputs.toArray(new Output[0]));
    }

    /** Ticks between consecutive samples at the configured rate (400 Hz counter, docs/lpms-protocol.md#timestamp). */
    public long ticksPerSample() {
        return Math.max(1, Math.round(1.0 / (rateHz * profile.tickSeconds())));
    }
}
