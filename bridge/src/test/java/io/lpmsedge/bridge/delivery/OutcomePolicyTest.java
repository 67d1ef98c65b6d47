package io.lpmsedge.bridge.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lpmsedge.bridge.spool.SpoolEntry;
import io.lpmsedge.bridge.spool.SpooledRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outcome policy as a pure function: batch + answer → what goes again, what is counted, what follows. */
class OutcomePolicyTest {
    final List<Long> parked = new ArrayList<>();
    final OutcomePolicy.Parker parks = (r, why) -> {
        parked.add(r.offset());
        return null;
    };
    final OutcomePolicy.Parker cannotPark = (r, why) -> "No space left on device";

    /** Records 0..n-1, keys alternating a, b. */
    static List<SpooledRecord> batch(int n) {
        List<SpooledRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SpooledRecord(
                    i, new SpoolEntry("t", i % 2 == 0 ? "a" : "b", "{}".getBytes(StandardCharsets.UTF_8))));
        }
        return out;
    }

    static SendResult perRecord(RecordStatus... statuses) {
        List<String> reasons = new ArrayList<>();
        for (RecordStatus s : statuses) {
            reasons.add(s == RecordStatus.DELIVERED ? null : (s == RecordStatus.REJECTED ? "42201" : "50003") + ": x");
        }
        return new SendResult(Arrays.asList(statuses), null, reasons, 200, SendResult.Scope.RECORD);
    }

    static List<Long> offsets(List<SpooledRecord> rs) {
        return rs.stream().map(SpooledRecord::offset).toList();
    }

    @Test
    void aFailedRecordTakesTheRestOfItsKeyAlongAndLeavesOtherKeysAlone() {
        RecordStatus d = RecordStatus.DELIVERED;
        OutcomePolicy.Decision x = OutcomePolicy.decide(batch(6), perRecord(d, RecordStatus.RETRY, d, d, d, d), parks);
        assertEquals(OutcomePolicy.Action.RETRY, x.action());
        assertEquals(List.of(1L, 3L, 5L), offsets(x.resend()));
        assertEquals(3, x.delivered());
        assertEquals(2, x.resentAfterDelivery());
        assertEquals(List.of("50003"), x.errorCodes(), "per record, by code");
    }

    @Test
    void aRejectedRecordIsParkedAndReleasedUnlessTheWholeBatchIsRejectedAlike() {
        RecordStatus d = RecordStatus.DELIVERED;
        OutcomePolicy.Decision one = OutcomePolicy.decide(batch(4), perRecord(d, d, RecordStatus.REJECTED, d), parks);
        assertEquals(OutcomePolicy.Action.DONE, one.action());
        assertEquals(List.of(2L), parked);
        assertEquals(List.of(), one.resend());

        parked.clear();
        RecordStatus r = RecordStatus.REJECTED;
        OutcomePolicy.Decision all = OutcomePolicy.decide(batch(4), perRecord(r, r, r, r), parks);
        assertEquals(OutcomePolicy.Action.REFUSED, all.action());
        assertEquals(List.of(), parked, "the same refusal for every record parks nothing");
        assertEquals(List.of(0L, 1L, 2L, 3L), offsets(all.resend()));
    }

    @Test
    void aRecordThatCannotBeParkedStaysWithTheRestOfItsKey() {
        RecordStatus d = RecordStatus.DELIVERED;
        OutcomePolicy.Decision x =
                OutcomePolicy.decide(batch(6), perRecord(d, d, RecordStatus.REJECTED, d, d, d), cannotPark);
        assertEquals(OutcomePolicy.Action.PARK_FAILED, x.action());
        assertEquals(List.of(2L, 4L), offsets(x.resend()));
        assertEquals(2L, x.unparked().offset());
        assertEquals("No space left on device", x.parkFailure());
    }

    @Test
    void aWholeRequestFailureIsCountedOnceAndTheMostUrgentActionWins() {
        OutcomePolicy.Decision x = OutcomePolicy.decide(
                batch(3), SendResult.all(3, RecordStatus.REFUSED, null, "http_400: 400 Bad Request", 400), parks);
        assertEquals(OutcomePolicy.Action.REFUSED, x.action());
        assertEquals(List.of("http_400"), x.errorCodes());
        assertEquals("http_400: 400 Bad Request", x.reason());

        OutcomePolicy.Decision mixed = OutcomePolicy.decide(
                batch(4),
                perRecord(
                        RecordStatus.RETRY, RecordStatus.TOPIC_MISSING, RecordStatus.DELIVERED, RecordStatus.DELIVERED),
                parks);
        assertEquals(OutcomePolicy.Action.TOPIC_MISSING, mixed.action(), "topic missing outranks a passing failure");
    }

    @Test
    void tooLargeSplitsABatchAndParksASingleRecord() {
        OutcomePolicy.Decision split = OutcomePolicy.decide(
                batch(2), SendResult.all(2, RecordStatus.TOO_LARGE, null, "http_413: too large", 413), parks);
        assertEquals(OutcomePolicy.Action.SPLIT, split.action());
        assertEquals(List.of(0L, 1L), offsets(split.resend()));
        OutcomePolicy.Decision single = OutcomePolicy.decide(
                batch(1), SendResult.all(1, RecordStatus.TOO_LARGE, null, "http_413: too large", 413), parks);
        assertEquals(OutcomePolicy.Action.DONE, single.action());
        assertEquals(List.of(0L), parked);
        assertNull(single.unparked());
    }
}
