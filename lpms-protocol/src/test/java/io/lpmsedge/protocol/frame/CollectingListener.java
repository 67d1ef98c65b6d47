package io.lpmsedge.protocol.frame;

import io.lpmsedge.protocol.Hex;
import java.util.ArrayList;
import java.util.List;

/** Test helper: records every good frame as (offset, hex of the whole frame). */
public final class CollectingListener implements FrameListener {
    public record Seen(long offset, int sensorId, int function, String hex) {}

    public final List<Seen> frames = new ArrayList<>();

    @Override
    public void onFrame(FrameView f) {
        frames.add(new Seen(f.streamOffset(), f.sensorId(), f.function(), Hex.of(f.copyFrame())));
    }
}
