package dev.remotestore;

/**
 * An operation family a backend may offer. {@link Store} checks the capability before it calls the
 * backend and throws {@link CapabilityNotSupportedException} when it is missing.
 *
 * <p>{@code exists}, {@code isFile} and {@code isFolder}, {@code resolve} and {@code close} need no
 * capability: every backend answers them.
 */
public enum Capability {
    /** {@code read}, {@code readBytes}. */
    READ,
    /** {@code write}. */
    WRITE,
    /** {@code delete}, {@code deleteIfExists}, {@code deleteFolder}. */
    DELETE,
    /** {@code listFiles} (one level), {@code listFolders}. */
    LIST,
    /** {@code move}. */
    MOVE,
    /** {@code copy}. */
    COPY,
    /** {@code writeAtomic}, {@code openAtomic}: readers see the old content or the new, never a part. */
    ATOMIC_WRITE,
    /** {@code glob}. */
    GLOB,
    /** {@code listFiles} with {@link ListOption#RECURSIVE}. */
    RECURSIVE_LIST,
    /** {@code getFileInfo}, {@code getFolderInfo}. */
    METADATA,
    /** {@code readRange}: a byte range served without reading the bytes before it. */
    SEEKABLE_READ
}
