package io.lpmsedge.bridge.delivery;

import io.lpmsedge.bridge.spool.SpooledRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The records one sink has read from the spool and not yet finished, and when each part of them may go: a data
 * structure with no I/O and no waiting, after Kafka's {@code RecordAccumulator}. The {@link Sender} thread is its
 * only user (not thread-safe); tests drive it directly with a manual clock.
 *
 * <p>Keys are spread over {@code maxInFlight} <em>lanes</em> by hash. A lane has at most one batch in flight, and
 * that batch stays at the head of the lane's queue until {@link #complete} puts back what must go again, first:
 * one key never has two requests in flight and a retry never reorders a key's records.
 *
 * <p>A lane with records and no request in flight is ready when its batch is full ({@code batchMaxRecords}, or
 * the lane's split limit), its records have lingered long enough, it is overdue (what a request left behind has
 * waited long enough), or the caller flushes (draining at a stop); and never before its own back-off ends nor
 * while the whole sink holds. {@link #nanosUntilReady} says how long until the next lane gets ready, which is how
 * the sender sleeps exactly as long as there is nothing to do.
 */
final class LaneAccumulator {
    /** What {@link #nanosUntilReady} answers when nothing can get ready by waiting (no records, or all in flight). */
    static final long NEVER = Long.MAX_VALUE;

    /** Records of one topic from the head of one lane, in order, sent as one request. */
    record Batch(int lane, String topic, List<SpooledRecord> records) {
        Batch {
            records = List.copyOf(records);
        }
    }

    private static final class Lane {
        final Deque<SpooledRecord> pending = new ArrayDeque<>();
        long pendingSinceNanos;
        boolean overdue;
        boolean inFlight;
        int batchLimit;
        boolean backingOff;
        long backoffUntilNanos;
    }

    private final int batchMaxRecords;
    private final int batchMaxBytes;
    private final long lingerNanos;
    private final LongSupplier nanos;
    private final Lane[] lanes;
    /** Next spool offset to read: every record before it sits in a lane or is done. */
    private long nextRead;

    private boolean holding;
    private long holdUntilNanos;

    /**
     * @param startOffset the first spool offset not yet acknowledged by this sink
     * @param nanos       monotonic time ({@code System::nanoTime}; a manual clock in tests)
     */
    LaneAccumulator(SenderConfig config, long startOffset, LongSupplier nanos) {
        this.batchMaxRecords = config.batchMaxRecords();
        this.batchMaxBytes = config.batchMaxBytes();
        this.lingerNanos = config.linger().toNanos();
        this.nanos = nanos;
        this.nextRead = startOffset;
        this.lanes = new Lane[config.maxInFlight()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
            lanes[i].batchLimit = batchMaxRecords;
        }
    }

    int laneCount() {
        return lanes.length;
    }

    /** The lane a key's records go to, always the same one. */
    int laneOf(String key) {
        return Math.floorMod(key.hashCode(), lanes.length);
    }

    /** The spool offset to read from next. */
    long nextRead() {
        return nextRead;
    }

    /**
     * Whether every lane has room for a further read (a lane holds at most two full batches, which bounds memory
     * while one of them is held back).
     */
    boolean hasRoom() {
        for (Lane lane : lanes) {
            if (lane.pending.size() >= 2 * batchMaxRecords) {
                return false;
            }
        }
        return true;
    }

    /** Records read from the spool at {@link #nextRead()}, in spool order: each goes to its key's lane. */
    void append(List<SpooledRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        if (records.get(0).offset() < nextRead) {
            throw new IllegalArgumentException(
                    "record " + records.get(0).offset() + " was already read (next is " + nextRead + ")");
        }
        long now = nanos.getAsLong();
        for (SpooledRecord r : records) {
            Lane lane = lanes[laneOf(r.entry().key())];
            if (lane.pending.isEmpty()) {
                lane.pendingSinceNanos = now;
                lane.overdue = false;
            }
            lane.pending.addLast(r);
        }
        nextRead = records.get(records.size() - 1).offset() + 1;
    }

    /**
     * The head batch of every lane that is ready now, each lane then marked in flight until {@link #complete}.
     *
     * @param flush send partial batches at once (draining at a stop): linger no longer counts, back-offs and a
     *              hold still do
     */
    List<Batch> drain(boolean flush) {
        long now = nanos.getAsLong();
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < lanes.length; i++) {
            Lane lane = lanes[i];
            if (!lane.inFlight && !lane.pending.isEmpty() && nanosUntilReady(lane, now, flush) == 0) {
                lane.inFlight = true;
                out.add(headBatch(i));
            }
        }
        return out;
    }

    /**
     * How long until {@link #drain} has something: 0 when it has now, {@link #NEVER} when only new records or a
     * completed request can change that (no lane holds records that are not in flight).
     */
    long nanosUntilReady(boolean flush) {
        long now = nanos.getAsLong();
        long min = NEVER;
        for (Lane lane : lanes) {
            if (!lane.inFlight && !lane.pending.isEmpty()) {
                min = Math.min(min, nanosUntilReady(lane, now, flush));
            }
        }
        return min;
    }

    private long nanosUntilReady(Lane lane, long now, boolean flush) {
        long wait = 0;
        if (holding) {
            long left = holdUntilNanos - now;
            if (left > 0) {
                wait = left;
            } else {
                holding = false;
            }
        }
        if (lane.backingOff) {
            long left = lane.backoffUntilNanos - now;
            if (left > 0) {
                wait = Math.max(wait, left);
            } else {
                lane.backingOff = false;
            }
        }
        if (!flush && !lane.overdue && lane.pending.size() < lane.batchLimit) {
            wait = Math.max(wait, lingerNanos - (now - lane.pendingSinceNanos));
        }
        return Math.max(0, wait);
    }

    /** The lane's head records of one topic, within the lane's record limit and the byte limit (at least one). */
    private Batch headBatch(int index) {
        Lane lane = lanes[index];
        String topic = lane.pending.peekFirst().entry().topic();
        List<SpooledRecord> batch = new ArrayList<>();
        int bytes = 0;
        for (SpooledRecord r : lane.pending) {
            if (!r.entry().topic().equals(topic)
                    || batch.size() >= lane.batchLimit
                    || (!batch.isEmpty() && bytes + r.entry().value().length > batchMaxBytes)) {
                break;
            }
            batch.add(r);
            bytes += r.entry().value().length;
        }
        return new Batch(index, topic, batch);
    }

    /**
     * The request for {@code batch} is over: its records leave the lane, and {@code resend} (records of the
     * batch, in order) goes back to the head of the lane, before everything read after it. What is left in the
     * lane is overdue: it has waited long enough, it does not linger again.
     */
    void complete(Batch batch, List<SpooledRecord> resend) {
        Lane lane = lanes[batch.lane()];
        if (!lane.inFlight) {
            throw new IllegalStateException("lane " + batch.lane() + " has no request in flight");
        }
        for (int i = 0; i < batch.records().size(); i++) {
            lane.pending.pollFirst();
        }
        for (int i = resend.size() - 1; i >= 0; i--) {
            lane.pending.addFirst(resend.get(i));
        }
        lane.inFlight = false;
        lane.overdue = !lane.pending.isEmpty();
    }

    /** The lane sends nothing for {@code nanosFromNow} (a retry's back-off, a missing topic). */
    void backOff(int lane, long nanosFromNow) {
        lanes[lane].backingOff = true;
        lanes[lane].backoffUntilNanos = nanos.getAsLong() + nanosFromNow;
    }

    /**
     * No lane sends for {@code nanosFromNow} (a refusal no resend fixes: credentials, a request refused as a
     * whole). A hold already in force that ends later is kept.
     */
    void hold(long nanosFromNow) {
        long until = nanos.getAsLong() + nanosFromNow;
        if (!holding || until - holdUntilNanos > 0) {
            holdUntilNanos = until;
            holding = true;
        }
    }

    /** Requests of this lane carry at most {@code records} records from now on (a request was too large). */
    void limitBatch(int lane, int records) {
        lanes[lane].batchLimit = Math.max(1, Math.min(records, batchMaxRecords));
    }

    /** Back to the configured batch size after a request went through. */
    void resetBatchLimit(int lane) {
        lanes[lane].batchLimit = batchMaxRecords;
    }

    /** The spool may be acknowledged up to here: the oldest record any lane still holds, else the next to read. */
    long ackOffset() {
        long upTo = nextRead;
        for (Lane lane : lanes) {
            if (!lane.pending.isEmpty()) {
                upTo = Math.min(upTo, lane.pending.peekFirst().offset());
            }
        }
        return upTo;
    }

    /** No record read and not finished (none in flight either). */
    boolean isEmpty() {
        for (Lane lane : lanes) {
            if (!lane.pending.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Requests in flight now. */
    int inFlight() {
        int n = 0;
        for (Lane lane : lanes) {
            n += lane.inFlight ? 1 : 0;
        }
        return n;
    }
}
