package io.lpmsedge.simulator.device;

import io.lpmsedge.protocol.command.FunctionCode;

/**
 * What the sensor does with a command it does not honour in stream mode. docs/lpms-protocol.md#open-questions leaves
 * this open
 * for the B2. First-generation firmware honours only GOTO_COMMAND_MODE, GOTO_SLEEP_MODE, GET_STATUS and
 * SET_TIMESTAMP while streaming and silently ignores the rest (docs/lpms-protocol.md#modes); that is the default here
 * because
 * it is the one documented behaviour and the harsher one for a bridge (a missing reply, not a quick NACK).
 */
public enum StreamModePolicy {
    /** Drop the command without a reply (first-generation firmware behaviour; default). */
    IGNORE,
    /** Answer REPLY_NACK. */
    NACK;

    /** Whether a function is honoured while streaming (docs/lpms-protocol.md#modes). */
    public static boolean honouredWhileStreaming(FunctionCode f) {
        return f == FunctionCode.GOTO_COMMAND_MODE
                || f == FunctionCode.GOTO_SLEEP_MODE
                || f == FunctionCode.GET_STATUS
                || f == FunctionCode.SET_TIMESTAMP;
    }
}
