package dev.remotestore.quarkus.runtime;

import dev.remotestore.CapabilityNotSupportedException;
import dev.remotestore.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Whether a store can serve: its database answers, its root directory is there, and a key can be looked up (which,
 * for a blob table, asks the table). Reads no content and writes nothing.
 */
public final class StoreProbe {
    /** The key a probe looks up; it need not exist. */
    static final String PROBE_KEY = "remote-store-health-probe";

    private static final int VALID_TIMEOUT_SECONDS = 5;

    private StoreProbe() {}

    /** Why {@code store} cannot serve, or empty if it can. Never throws. */
    public static Optional<String> problem(Store store) {
        try {
            Optional<DataSource> dataSource = handle(store, DataSource.class);
            if (dataSource.isPresent()) {
                try (Connection c = dataSource.get().getConnection()) {
                    if (!c.isValid(VALID_TIMEOUT_SECONDS)) {
                        return Optional.of("the database connection is not valid");
                    }
                }
            }
            Optional<Path> root = handle(store, Path.class);
            if (root.isPresent() && !Files.isDirectory(root.get())) {
                return Optional.of("the root directory " + root.get() + " is missing");
            }
            store.exists(PROBE_KEY);
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("cannot connect to the database: " + e.getMessage());
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    private static <T> Optional<T> handle(Store store, Class<T> type) {
        try {
            return Optional.of(store.unwrap(type));
        } catch (CapabilityNotSupportedException e) {
            return Optional.empty();
        }
    }
}
