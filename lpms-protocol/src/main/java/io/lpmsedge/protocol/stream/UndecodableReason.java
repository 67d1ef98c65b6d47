package io.lpmsedge.protocol.stream;

/** Why a framed, checksummed data frame could not be turned into a sample. */
public enum UndecodableReason {
    /** No GET_CONFIG reply has passed and the caller supplied no config word. */
    NO_CONFIG_WORD("no_config_word"),
    /**
     * The payload length is not the one the config word implies (re-read GET_CONFIG:
     * docs/lpms-protocol.md#config-word).
     */
    LENGTH_MISMATCH("length_mismatch");

    private final String label;

    UndecodableReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
