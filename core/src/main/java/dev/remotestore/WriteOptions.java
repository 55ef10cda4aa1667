package dev.remotestore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link WriteOption}s of one call, as a {@link Backend} receives them.
 *
 * @param overwrite whether an existing target may be replaced
 * @param contentType the media type to store, if any
 */
public record WriteOptions(boolean overwrite, Optional<String> contentType) {
    private static final WriteOptions CREATE = new WriteOptions(false, Optional.empty());

    /** Validates the components. */
    public WriteOptions {
        Objects.requireNonNull(contentType, "contentType");
    }

    /** These options as {@link WriteOption}s again, for a backend that forwards a call to a {@link Store}. */
    public WriteOption[] toWriteOptions() {
        List<WriteOption> list = new ArrayList<>(2);
        if (overwrite) {
            list.add(WriteOption.OVERWRITE);
        }
        contentType.ifPresent(ct -> list.add(WriteOption.contentType(ct)));
        return list.toArray(new WriteOption[0]);
    }

    /** The options of a call; the last content type given wins. */
    public static WriteOptions of(WriteOption... options) {
        boolean overwrite = false;
        String contentType = null;
        for (WriteOption option : options) {
            Objects.requireNonNull(option, "write option");
            if (option.mediaType() == null) {
                overwrite = true;
            } else {
                contentType = option.mediaType();
            }
        }
        return !overwrite && contentType == null
                ? CREATE
                : new WriteOptions(overwrite, Optional.ofNullable(contentType));
    }
}
