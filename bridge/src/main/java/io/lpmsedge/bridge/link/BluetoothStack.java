package io.lpmsedge.bridge.link;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The radio: BlueCove in production, a test double in tests (mocks only at the hardware edge).
 */
public interface BluetoothStack {
    /** Connected RFCOMM streams. */
    interface StreamPair extends Closeable {
        InputStream in();

        OutputStream out();
    }

    /** A device found by discovery. */
    record Device(String mac, String name) {
        /** LP-RESEARCH names B2s "LPMSB2-…" (docs/lpms-protocol.md#bluetooth-link). */
        public boolean looksLikeLpmsB2() {
            return name != null && name.toUpperCase(java.util.Locale.ROOT).contains("LPMSB2");
        }
    }

    StreamPair connect(LinkAddress.Rfcomm address) throws IOException;

    /** Inquiry for nearby devices; takes about ten seconds on a real radio. */
    List<Device> discover() throws IOException;
}
