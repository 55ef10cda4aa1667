package dev.remotestore;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store knows about a folder and everything below it.
 *
 * @param path the store-relative path ({@code ""} for the store root), usable as input again
 * @param fileCount the number of files below the folder, at any depth
 * @param totalSize the sum of their sizes in bytes (files of unknown size count as 0)
 * @param modifiedAt the latest modification time among them, if any is known
 */
public record FolderInfo(String path, long fileCount, long totalSize, Optional<Instant> modifiedAt) {
    /** Validates the components. */
    public FolderInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
    }

    /** This info with another path: how a store rebases backend paths. */
    public FolderInfo withPath(RemotePath newPath) {
        return new FolderInfo(newPath.toString(), fileCount, totalSize, modifiedAt);
    }
}
