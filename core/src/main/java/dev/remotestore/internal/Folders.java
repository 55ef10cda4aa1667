package dev.remotestore.internal;

import dev.remotestore.FileInfo;
import dev.remotestore.FolderInfo;
import dev.remotestore.RemotePath;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/** Folder helpers shared by the backends. Not part of the public API. */
public final class Folders {
    private Folders() {}

    /**
     * The {@link FolderInfo} of {@code folder} summed over {@code files} (closed here): count, total size (unknown
     * sizes count as 0) and the latest modification time.
     */
    public static FolderInfo summarize(RemotePath folder, Stream<FileInfo> files) {
        long count = 0;
        long size = 0;
        Instant latest = null;
        try (files) {
            for (Iterator<FileInfo> it = files.iterator(); it.hasNext(); ) {
                FileInfo f = it.next();
                count++;
                size += f.size().orElse(0);
                Instant m = f.modifiedAt().orElse(null);
                if (m != null && (latest == null || m.isAfter(latest))) {
                    latest = m;
                }
            }
        }
        return new FolderInfo(folder.toString(), count, size, Optional.ofNullable(latest));
    }
}
