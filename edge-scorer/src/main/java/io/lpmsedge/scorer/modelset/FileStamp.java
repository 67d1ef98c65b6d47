package io.lpmsedge.scorer.modelset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a file looks like from outside: size, modification time and file key (the inode on Linux, so a file
 * replaced by a rename counts as changed even with the same size and time). Two equal stamps mean "not touched".
 * The score-service's and the bridge's model watches both compare these.
 */
public record FileStamp(long size, long modifiedNanos, Object fileKey) {
    public static final FileStamp MISSING = new FileStamp(-1, -1, null);

    public static FileStamp of(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.fileKey());
        } catch (IOException e) {
            return MISSING;
        }
    }

    public static Map<Path, FileStamp> of(Iterable<Path> files) {
        Map<Path, FileStamp> m = new LinkedHashMap<>();
        for (Path f : files) {
            m.put(f, of(f));
        }
        return m;
    }
}
