package io.lpmsedge.protocol.command;

/**
 * LPMS2 ("legacy", LPMS-B2) function numbers a bridge or a simulated sensor uses
 * (docs/lpms-protocol.md#function-codes). Never send
 * these to an LPMS3/IG1 sensor: the same numbers mean other things there
 * (docs/lpms-protocol.md#other-lp-bus-generations).
 */
public enum FunctionCode {
    REPLY_ACK(0, Reply.NONE),
    REPLY_NACK(1, Reply.NONE),
    GET_CONFIG(4, Reply.VALUE),
    GET_STATUS(5, Reply.VALUE),
    GOTO_COMMAND_MODE(6, Reply.ACK),
    GOTO_STREAM_MODE(7, Reply.ACK),
    GOTO_SLEEP_MODE(8, Reply.ACK),
    GET_SENSOR_DATA(9, Reply.VALUE),
    SET_TRANSMIT_DATA(10, Reply.ACK),
    SET_STREAM_FREQ(11, Reply.ACK),
    WRITE_REGISTERS(15, Reply.ACK),
    RESTORE_FACTORY_VALUE(16, Reply.ACK),
    SET_IMU_ID(20, Reply.ACK),
    GET_IMU_ID(21, Reply.VALUE),
    GET_FIRMWARE_VERSION(47, Reply.VALUE),
    SET_TIMESTAMP(66, Reply.ACK),
    SET_LPBUS_DATA_MODE(75, Reply.ACK),
    GET_BATTERY_LEVEL(87, Reply.VALUE),
    GET_BATTERY_VOLTAGE(88, Reply.VALUE),
    GET_CHARGING_STATUS(89, Reply.VALUE),
    GET_SERIAL_NUMBER(90, Reply.VALUE),
    GET_DEVICE_NAME(91, Reply.VALUE),
    GET_FIRMWARE_INFO(92, Reply.VALUE),
    START_SYNC(96, Reply.ACK),
    STOP_SYNC(97, Reply.ACK),
    GET_PING(98, Reply.VALUE),
    GET_SENSOR_TEMPERATURE(99, Reply.VALUE);

    /** What the sensor answers to this command in command mode. */
    public enum Reply {
        /** Nothing: this is itself a reply. */
        NONE,
        /** REPLY_ACK, or REPLY_NACK when refused. */
        ACK,
        /** A frame with the same function number carrying the value (or REPLY_NACK). */
        VALUE
    }

    private static final FunctionCode[] BY_CODE = new FunctionCode[128];

    static {
        for (FunctionCode f : values()) {
            BY_CODE[f.code] = f;
        }
    }

    private final int code;
    private final Reply reply;

    FunctionCode(int code, Reply reply) {
        this.code = code;
        this.reply = reply;
    }

    public int code() {
        return code;
    }

    public Reply reply() {
        return reply;
    }

    /** The known function with this number, or {@code null}. */
    public static FunctionCode of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The name of a function number, {@code UNKNOWN_<n>} when it is not one of these. */
    public static String nameOf(int code) {
        FunctionCode f = of(code);
        return f == null ? "UNKNOWN_" + code : f.name();
    }
}
