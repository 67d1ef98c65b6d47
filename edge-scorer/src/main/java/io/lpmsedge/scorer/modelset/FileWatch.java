package io.lpmsedge.scorer.modelset;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * When to reload models because their files changed, for the score-service's and the bridge's reloaders: polled
 * by {@link FileStamp} (size, modification time, inode), a change is reported once it has held still for one look,
 * so a model still being copied is not loaded half-written; files whose current state was refused are not reported
 * again until they change again. Not thread-safe: one reloader thread calls it.
 */
public final class FileWatch {
    private Map<Path, FileStamp> settling;
    private Map<Path, FileStamp> refused;

    /**
     * Looks at the files once.
     *
     * @param loaded the stamps of the files as they were when what runs now was loaded
     * @return the files changed since, once the change has held still since the previous look; else empty
     */
    public Set<Path> poll(Map<Path, FileStamp> loaded) {
        Map<Path, FileStamp> now = FileStamp.of(loaded.keySet());
        if (now.equals(loaded) || now.equals(refused)) {
            settling = null;
            return Set.of();
        }
        if (!now.equals(settling)) {
            settling = now; // changed since the last look: wait until it holds still
            return Set.of();
        }
        settling = null;
        return changed(loaded, now);
    }

    /** A load of the files in state {@code seen} was refused: do not report that state again. */
    public void refused(Map<Path, FileStamp> seen) {
        refused = seen;
    }

    /** A load succeeded: what it read is what runs now. */
    public void accepted() {
        refused = null;
    }

    /** The files whose stamp in {@code now} differs from {@code before} (new files included). */
    public static Set<Path> changed(Map<Path, FileStamp> before, Map<Path, FileStamp> now) {
        Set<Path> out = new LinkedHashSet<>();
        now.forEach((path, stamp) -> {
            if (!stamp.equals(before.get(path))) {
                out.add(path);
            }
        });
        return out;
    }

    /** File names for a log line; a file that is gone is marked {@code (missing)}. */
    public static String describe(Set<Path> files) {
        return files.stream()
                .map(f -> f.getFileName() + (FileStamp.of(f) == FileStamp.MISSING ? " (missing)" : ""))
                .toList()
                .toString();
    }
}
