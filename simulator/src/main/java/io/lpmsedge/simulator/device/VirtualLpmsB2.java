package io.lpmsedge.simulator.device;

import io.lpmsedge.protocol.command.FunctionCode;
import io.lpmsedge.protocol.command.SensorReplies;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.TimestampFormat;
import io.lpmsedge.protocol.frame.LittleEndian;

/**
 * The protocol side of one LPMS-B2 for one session: mode, config word, timestamp counter and the answer to
 * every host command of docs/lpms-protocol.md#function-codes, produced with {@link SensorReplies}. A new instance per
 * connection is
 * a fresh session (power-on settings), like an RFCOMM reconnect to a sensor that was power-cycled.
 *
 * <p>Refusals (REPLY_NACK): unknown function numbers, a payload of the wrong size, a stream rate the firmware
 * generation does not know (including 800 Hz, which needs special firmware), a data mode other than 0/1, and
 * in stream mode everything but the four commands first-gen firmware honours — or, with
 * {@link StreamModePolicy#IGNORE}, no reply at all. Not thread-safe: driven by the sensor's own thread.
 */
public final class VirtualLpmsB2 {
    private static final long TICK_RANGE = 1L << 32;

    private final DeviceSettings settings;
    private final DeviceIdentity identity;
    private final DeviceHost host;
    private final DeviceCounters counters;
    private final FirmwareProfile profile;
    private SensorMode mode;
    private ConfigWord config;
    private int imuId;
    /** timestamp = (modelTick + offset) mod 2^32. */
    private long offset;

    public VirtualLpmsB2(DeviceSettings settings, DeviceIdentity identity, DeviceHost host, DeviceCounters counters) {
        this.settings = settings;
        this.identity = identity;
        this.host = host;
        this.counters = counters;
        this.profile = settings.profile();
        this.mode = settings.startMode();
        this.config = settings.config();
        this.imuId = identity.imuId();
        this.offset = settings.startTick();
    }

    public SensorMode mode() {
        return mode;
    }

    public ConfigWord config() {
        return config;
    }

    /** The id the sensor puts in its frames (SET_IMU_ID changes it for the session). */
    public int imuId() {
        return imuId;
    }

    public FirmwareProfile profile() {
        return profile;
    }

    /** The 400 Hz timestamp counter value at a model tick, unsigned 32-bit. */
    public long timestamp(long modelTick) {
        return Math.floorMod(modelTick + offset, TICK_RANGE);
    }

    /**
     * Model ticks between two data frames at the configured rate (400 Hz tick / rate: docs/lpms-protocol.md#timestamp).
     */
    public int ticksPerFrame() {
        return Math.max(1, 400 / config.rateHz());
    }

    /** The GET_CONFIG reply frame, also what a capture file starts with. */
    public byte[] configReply() {
        return SensorReplies.config(imuId, config);
    }

    /** Handles one host frame received at {@code modelTick}. */
    public void handle(int function, byte[] buf, int payloadOffset, int payloadLength, long modelTick) {
        counters.countCommand();
        FunctionCode f = FunctionCode.of(function);
        if (mode != SensorMode.COMMAND && (f == null || !StreamModePolicy.honouredWhileStreaming(f))) {
            if (mode == SensorMode.STREAM && settings.policy() == StreamModePolicy.NACK) {
                nack();
            } else {
                // Sleep mode, or first-gen stream-mode behaviour: silently ignored.
                counters.countIgnored();
            }
            return;
        }
        if (f == null) {
            nack();
            return;
        }
        switch (f) {
            case GOTO_COMMAND_MODE -> setMode(SensorMode.COMMAND, payloadLength);
            case GOTO_STREAM_MODE -> setMode(SensorMode.STREAM, payloadLength);
            case GOTO_SLEEP_MODE -> setMode(SensorMode.SLEEP, payloadLength);
            case GET_STATUS -> value(SensorReplies.status(imuId, mode.statusBit()), payloadLength);
            case GET_CONFIG -> value(SensorReplies.config(imuId, config), payloadLength);
            case GET_SENSOR_DATA -> {
                if (payloadLength != 0) {
                    nack();
                } else {
                    counters.countValue();
                    host.sendPolledSample(timestamp(modelTick));
                }
            }
            case SET_TRANSMIT_DATA -> {
                if (payloadLength != 4) {
                    nack();
                } else {
                    // Only the output bits are taken over, whatever else the host sent
                    // (docs/lpms-protocol.md#where-the-sources-disagree).
                    config = config.withOutputMask(LittleEndian.i32(buf, payloadOffset));
                    ack();
                }
            }
            case SET_STREAM_FREQ -> {
                int hz = payloadLength == 4
                        ? profile.streamFrequencyEncoding().decode(LittleEndian.u32(buf, payloadOffset))
                        : -1;
                if (hz < 0 || hz > 400) {
                    nack();
                } else {
                    config = config.withRateHz(hz);
                    ack();
                }
            }
            case SET_LPBUS_DATA_MODE -> {
                long v = payloadLength == 4 ? LittleEndian.u32(buf, payloadOffset) : -1;
                if (v != 0 && v != 1) {
                    nack();
                } else {
                    config = config.withSixteenBit(v == 1);
                    ack();
                }
            }
            case SET_TIMESTAMP -> {
                if (payloadLength != 4) {
                    nack();
                } else {
                    long wanted;
                    if (profile.timestampFormat() == TimestampFormat.FLOAT_SECONDS) {
                        // 2013–16 firmware takes float seconds (docs/lpms-protocol.md#function-codes).
                        wanted = Math.round(LittleEndian.f32(buf, payloadOffset) / profile.tickSeconds());
                    } else {
                        wanted = LittleEndian.u32(buf, payloadOffset);
                    }
                    offset = Math.floorMod(wanted - modelTick, TICK_RANGE);
                    ack();
                }
            }
            case SET_IMU_ID -> {
                long id = payloadLength == 4 ? LittleEndian.u32(buf, payloadOffset) : -1;
                if (id < 0 || id > 0xFFFF) {
                    nack();
                } else {
                    imuId = (int) id;
                    ack();
                }
            }
            case GET_IMU_ID -> value(SensorReplies.imuId(imuId), payloadLength);
            case GET_FIRMWARE_VERSION ->
                value(SensorReplies.firmwareVersion(imuId, identity.firmwareVersion()), payloadLength);
            case GET_SERIAL_NUMBER ->
                value(
                        SensorReplies.text(imuId, f, identity.serialNumber(), SensorReplies.SERIAL_NUMBER_WIDTH),
                        payloadLength);
            case GET_DEVICE_NAME ->
                value(SensorReplies.text(imuId, f, identity.deviceName(), SensorReplies.NAME_WIDTH), payloadLength);
            case GET_FIRMWARE_INFO ->
                value(SensorReplies.text(imuId, f, identity.firmwareInfo(), SensorReplies.NAME_WIDTH), payloadLength);
            case GET_BATTERY_LEVEL -> value(SensorReplies.float32(imuId, f, (float) batteryPercent()), payloadLength);
            case GET_BATTERY_VOLTAGE ->
                value(SensorReplies.float32(imuId, f, (float) (3.5 + 0.7 * batteryPercent() / 100)), payloadLength);
            case GET_CHARGING_STATUS -> value(SensorReplies.int32(imuId, f, 0), payloadLength);
            case GET_PING -> value(SensorReplies.ping(imuId, timestamp(modelTick)), payloadLength);
            case GET_SENSOR_TEMPERATURE ->
                value(SensorReplies.float32(imuId, f, (float) host.temperature()), payloadLength);
            case RESTORE_FACTORY_VALUE -> {
                config = settings.config();
                ack();
            }
            case WRITE_REGISTERS, START_SYNC, STOP_SYNC -> {
                if (payloadLength != 0) {
                    nack();
                } else {
                    ack();
                }
            }
            // A sensor never receives replies; one on the line is a confused host.
            default -> nack();
        }
    }

    private void setMode(SensorMode newMode, int payloadLength) {
        if (payloadLength != 0) {
            nack();
            return;
        }
        // ACK first, so that the host sees it before the first data frame of the new mode.
        ack();
        mode = newMode;
    }

    private double batteryPercent() {
        // A B2 runs about 10 h on a charge; start at 96 %.
        return Math.max(3, 96 - host.uptimeSeconds() / 36000 * 93);
    }

    private void value(byte[] frame, int payloadLength) {
        if (payloadLength != 0) {
            nack();
            return;
        }
        counters.countValue();
        host.sendReply(frame);
    }

    private void ack() {
        counters.countAck();
        host.sendReply(SensorReplies.ack(imuId));
    }

    private void nack() {
        counters.countNack();
        host.sendReply(SensorReplies.nack(imuId));
    }
}
