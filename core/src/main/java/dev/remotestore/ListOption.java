package dev.remotestore;

/** Options of {@link Store#listFiles(String, ListOption...)}. */
public enum ListOption {
    /** List the files of every sub-folder too (needs {@link Capability#RECURSIVE_LIST}). */
    RECURSIVE
}
