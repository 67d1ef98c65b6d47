package io.lpmsedge.bridge.delivery.file;

import io.lpmsedge.bridge.delivery.SenderConfig;
import io.lpmsedge.bridge.delivery.SinkSpec;

/** {@code type = "jsonl"}: JSON Lines to a file ({@code path}) or standard output ({@code "-"}). */
public record JsonLinesSpec(String name, String path, SenderConfig sender) implements SinkSpec {
    @Override
    public String describe() {
        return "jsonl " + path;
    }
}
