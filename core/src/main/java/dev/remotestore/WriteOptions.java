package dev.remotestore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link WriteOption}s of one call, as a {@link Backend} receives them.
 *
 * @param overwrite whether an existing target may be replaced
 * @param contentType the media type to store, if any
 * @param extra the caller's facts to store with the content (WRITE-010); empty if none
 */
public record WriteOptions(boolean overwrite, Optional<String> contentType, Map<String, String> extra) {
    private static final WriteOptions CREATE = new WriteOptions(false, Optional.empty(), Map.of());

    /** Validates the components and freezes {@code extra}. */
    public WriteOptions {
        Objects.requireNonNull(contentType, "contentType");
        extra = Collections.unmodifiableMap(new TreeMap<>(extra));
    }

    /** Options without extra facts. */
    public WriteOptions(boolean overwrite, Optional<String> contentType) {
        this(overwrite, contentType, Map.of());
    }

    /** These options as {@link WriteOption}s again, for a backend that forwards a call to a {@link Store}. */
    public WriteOption[] toWriteOptions() {
        List<WriteOption> list = new ArrayList<>(3);
        if (overwrite) {
            list.add(WriteOption.OVERWRITE);
        }
        contentType.ifPresent(ct -> list.add(WriteOption.contentType(ct)));
        if (!extra.isEmpty()) {
            list.add(WriteOption.extra(extra));
        }
        return list.toArray(new WriteOption[0]);
    }

    /** The options of a call; the last content type given wins, extra facts merge (the last value of a name). */
    public static WriteOptions of(WriteOption... options) {
        boolean overwrite = false;
        String contentType = null;
        Map<String, String> extra = null;
        for (WriteOption option : options) {
            Objects.requireNonNull(option, "write option");
            if (option == WriteOption.OVERWRITE) {
                overwrite = true;
            } else if (option.mediaType() != null) {
                contentType = option.mediaType();
            } else {
                if (extra == null) {
                    extra = new TreeMap<>();
                }
                extra.putAll(option.extraValues());
            }
        }
        if (extra != null && extra.size() > WriteOption.MAX_EXTRA_ENTRIES) {
            throw new IllegalArgumentException("extra has " + extra.size() + " entries in all; at most "
                    + WriteOption.MAX_EXTRA_ENTRIES + " (WRITE-010)");
        }
        return !overwrite && contentType == null && extra == null
                ? CREATE
                : new WriteOptions(overwrite, Optional.ofNullable(contentType), extra == null ? Map.of() : extra);
    }
}
