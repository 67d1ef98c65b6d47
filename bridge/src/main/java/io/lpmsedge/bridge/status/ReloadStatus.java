package io.lpmsedge.bridge.status;

/**
 * The bridge's config reloads since start (SIGHUP or a changed model file): one set of figures for the whole bridge,
 * shown once in the status API, the status page and {@code /metrics}.
 *
 * @param installed    reloads applied
 * @param refused      reloads refused (nothing changed)
 * @param last         the last reload's log line (for a refusal: the file, the problem and the fix); null before one
 * @param lastInstalled whether the last reload was applied (true before the first)
 * @param lastAtMillis when the last reload happened, Unix epoch ms; 0 before the first
 */
public record ReloadStatus(long installed, long refused, String last, boolean lastInstalled, long lastAtMillis) {
    public static final ReloadStatus NONE = new ReloadStatus(0, 0, null, true, 0);
}
