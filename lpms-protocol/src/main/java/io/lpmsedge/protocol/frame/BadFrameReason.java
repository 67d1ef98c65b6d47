package io.lpmsedge.protocol.frame;

/**
 * Why a frame candidate was rejected (docs/lpms-protocol.md#receive-algorithm). The label is what metrics and reports
 * print.
 */
public enum BadFrameReason {
    LRC_MISMATCH("lrc_mismatch"),
    BAD_END_BYTES("bad_end_bytes"),
    LENGTH_OUT_OF_RANGE("length_out_of_range");

    private final String label;

    BadFrameReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
