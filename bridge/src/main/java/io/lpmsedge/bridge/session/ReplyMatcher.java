package io.lpmsedge.bridge.session;

import io.lpmsedge.protocol.command.FunctionCode;
import io.lpmsedge.protocol.command.ReplyValue;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides which incoming reply frame answers the one command in flight, and when waiting for it is over.
 * No I/O: the session writes the command, calls {@link #expect}, feeds every non-data frame it decodes to
 * {@link #offer}, and asks {@link #reply()} / {@link #timedOut()} between reads.
 *
 * <p>Matching rule (docs/lpms-protocol.md#function-codes): a NACK answers any command; a command whose reply is
 * an ACK is answered by any ACK; a command that returns a value is answered only by a frame with its own
 * function number. ACK and NACK do not say which command they answer, which is why LP-BUS hosts keep one command
 * in flight: a late ACK of an earlier command that timed out is indistinguishable from the current one's.
 * Frames that arrive while nothing is expected are dropped, so a reply can never answer a command sent after
 * it arrived. When several answering frames arrive before the reply is taken, the latest one counts.
 *
 * <p>Used by the session's reader thread only; not thread-safe.
 */
final class ReplyMatcher {
    private final LongSupplier nanos;
    private FunctionCode awaited;
    private ReplyValue reply;
    private long deadlineNanos;

    /** @param nanos monotonic time in nanoseconds ({@code System::nanoTime} in service) */
    ReplyMatcher(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /**
     * Starts waiting for the reply to {@code command}, which was just sent; forgets any earlier reply.
     * Waiting times out {@code timeout} from now.
     */
    void expect(FunctionCode command, Duration timeout) {
        awaited = command;
        reply = null;
        deadlineNanos = nanos.getAsLong() + timeout.toNanos();
    }

    /** Stops waiting (answered, given up or stopping); later frames are dropped until the next {@link #expect}. */
    void clear() {
        awaited = null;
        reply = null;
    }

    /** Whether a command is in flight, so the caller can skip parsing frames nobody waits for. */
    boolean awaiting() {
        return awaited != null;
    }

    /**
     * One parsed non-data frame from the sensor.
     *
     * @param function the frame's function number
     * @param value    the frame's parsed payload
     * @return whether it answers the command in flight (and is now {@link #reply()})
     */
    boolean offer(int function, ReplyValue value) {
        FunctionCode want = awaited;
        if (want == null) {
            return false;
        }
        boolean answers = value instanceof ReplyValue.Nack
                || (want.reply() == FunctionCode.Reply.ACK ? value instanceof ReplyValue.Ack : function == want.code());
        if (answers) {
            reply = value;
        }
        return answers;
    }

    /** The reply to the command in flight, or null while none has arrived. */
    ReplyValue reply() {
        return reply;
    }

    /** Whether the timeout given to {@link #expect} has passed (a reply may still have arrived before it). */
    boolean timedOut() {
        return nanos.getAsLong() - deadlineNanos >= 0;
    }
}
