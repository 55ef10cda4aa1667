package dev.remotestore;

/** Options of {@link Store#deleteFolder(String, DeleteOption...)}. */
public enum DeleteOption {
    /** Delete the folder with everything below it; without it a non-empty folder is refused. */
    RECURSIVE
}
