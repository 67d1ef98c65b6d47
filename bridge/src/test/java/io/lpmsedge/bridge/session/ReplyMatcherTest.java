package io.lpmsedge.bridge.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.command.FunctionCode;
import io.lpmsedge.protocol.command.ReplyValue;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.Output;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which reply answers the command in flight, and when waiting for it ends, on an injected clock. */
class ReplyMatcherTest {
    private static final int ACK = FunctionCode.REPLY_ACK.code();
    private static final int NACK = FunctionCode.REPLY_NACK.code();
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ReplyMatcher matcher = new ReplyMatcher(now::get);
    private final ReplyValue.Config config = new ReplyValue.Config(ConfigWord.of(100, false, Output.ACC));

    @Test
    void aCommandAnsweredByAnAckTakesAnyAckButNoValue() {
        matcher.expect(FunctionCode.SET_STREAM_FREQ, TIMEOUT);
        assertFalse(matcher.offer(FunctionCode.GET_CONFIG.code(), config), "a stale value reply");
        assertNull(matcher.reply());

        ReplyValue.Ack ack = new ReplyValue.Ack();
        assertTrue(matcher.offer(ACK, ack));
        assertSame(ack, matcher.reply());
    }

    @Test
    void aCommandReturningAValueTakesOnlyAFrameOfItsOwnFunction() {
        matcher.expect(FunctionCode.GET_CONFIG, TIMEOUT);
        assertFalse(matcher.offer(ACK, new ReplyValue.Ack()), "a late ACK of an earlier command");
        assertFalse(
                matcher.offer(FunctionCode.GET_SERIAL_NUMBER.code(), new ReplyValue.Text("SN-1")),
                "another command's value, out of order");
        assertNull(matcher.reply());

        assertTrue(matcher.offer(FunctionCode.GET_CONFIG.code(), config));
        assertSame(config, matcher.reply());
    }

    @Test
    void aNackAnswersEitherKind() {
        for (FunctionCode fn : new FunctionCode[] {FunctionCode.SET_TRANSMIT_DATA, FunctionCode.GET_FIRMWARE_VERSION}) {
            ReplyValue.Nack nack = new ReplyValue.Nack();
            matcher.expect(fn, TIMEOUT);
            assertTrue(matcher.offer(NACK, nack), fn.name());
            assertSame(nack, matcher.reply(), fn.name());
        }
    }

    @Test
    void repliesWhileNothingIsInFlightAreDroppedAndNeverAnswerALaterCommand() {
        assertFalse(matcher.awaiting());
        assertFalse(matcher.offer(ACK, new ReplyValue.Ack()));

        matcher.expect(FunctionCode.GOTO_COMMAND_MODE, TIMEOUT);
        assertTrue(matcher.awaiting());
        assertTrue(matcher.offer(ACK, new ReplyValue.Ack()));
        matcher.clear();
        assertFalse(matcher.awaiting());
        assertFalse(matcher.offer(ACK, new ReplyValue.Ack()), "a duplicate ACK after the reply was taken");
        assertNull(matcher.reply());

        matcher.expect(FunctionCode.SET_TRANSMIT_DATA, TIMEOUT);
        assertNull(matcher.reply(), "the duplicate does not answer the next command");
    }

    @Test
    void aResendForgetsAReplyNotTaken() {
        matcher.expect(FunctionCode.SET_TIMESTAMP, TIMEOUT);
        matcher.offer(NACK, new ReplyValue.Nack());
        matcher.expect(FunctionCode.SET_TIMESTAMP, TIMEOUT);
        assertNull(matcher.reply());
    }

    @Test
    void ofSeveralAnswersBeforeTheReplyIsTakenTheLatestCounts() {
        matcher.expect(FunctionCode.SET_LPBUS_DATA_MODE, TIMEOUT);
        matcher.offer(ACK, new ReplyValue.Ack());
        ReplyValue.Ack duplicate = new ReplyValue.Ack();
        assertTrue(matcher.offer(ACK, duplicate));
        assertSame(duplicate, matcher.reply());
        ReplyValue.Nack nack = new ReplyValue.Nack();
        matcher.offer(NACK, nack);
        assertSame(nack, matcher.reply());
    }

    @Test
    void waitingTimesOutExactlyAtTheDeadlineCountedFromExpect() {
        matcher.expect(FunctionCode.GET_CONFIG, TIMEOUT);
        now.addAndGet(TIMEOUT.toNanos() - 1);
        assertFalse(matcher.timedOut());
        now.incrementAndGet();
        assertTrue(matcher.timedOut());

        // A reply read in the last pump before the check still counts: the session looks at reply() first.
        assertTrue(matcher.offer(FunctionCode.GET_CONFIG.code(), config));
        assertSame(config, matcher.reply());

        matcher.expect(FunctionCode.GET_CONFIG, TIMEOUT);
        assertFalse(matcher.timedOut(), "a resend gets a full timeout of its own");
        assertNull(matcher.reply());
    }

    @Test
    void theDeadlineSurvivesTheNanoClockOverflowing() {
        now.set(Long.MAX_VALUE - TIMEOUT.toNanos() / 2);
        matcher.expect(FunctionCode.GOTO_STREAM_MODE, TIMEOUT);
        now.addAndGet(TIMEOUT.toNanos() / 4);
        assertFalse(matcher.timedOut());
        now.addAndGet(TIMEOUT.toNanos()); // wraps to negative
        assertTrue(now.get() < 0);
        assertTrue(matcher.timedOut());
    }
}
