package io.lpmsedge.bridge.session;

import io.lpmsedge.protocol.command.FunctionCode;
import io.lpmsedge.protocol.command.ReplyValue;
import java.io.IOException;

/** One command in flight at a time, as every LP-BUS host library does (ACK/NACK do not say what they answer). */
interface CommandChannel {
    /**
     * Sends {@code frame} and waits for the reply {@code function} calls for (ACK/NACK, or its value/NACK),
     * discarding streamed data meanwhile; resends up to {@code attempts} times on silence.
     *
     * @return the reply, or {@code null} if every attempt timed out
     * @throws IOException the link failed or closed
     */
    ReplyValue request(byte[] frame, FunctionCode function, int attempts) throws IOException;
}
