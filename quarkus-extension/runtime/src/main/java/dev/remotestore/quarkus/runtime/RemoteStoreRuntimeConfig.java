package dev.remotestore.quarkus.runtime;

import dev.remotestore.config.StoreFactory;
import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithParentName;
import io.smallrye.config.WithUnnamedKey;
import java.util.Map;
import java.util.Optional;

/**
 * The stores' run-time properties. Values are handed to remote-store's configuration factory as written, so that
 * every integration checks them by the same rules ({@code docs/configuration.md}): booleans are {@code true} or
 * {@code false}, sizes take {@code K}, {@code M}, {@code G} ({@code 10M}), durations {@code 500ms}, {@code 30s} or
 * ISO-8601.
 */
@ConfigMapping(prefix = "quarkus.remote-store")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface RemoteStoreRuntimeConfig {
    /** The stores: the default one (injected with {@code @Inject Store}) and named ones. */
    @ConfigDocMapKey("store-name")
    @ConfigDocSection
    @WithParentName
    @WithDefaults
    @WithUnnamedKey(StoreFactory.DEFAULT)
    Map<String, StoreRuntimeConfig> stores();

    /** The run-time properties of one store. */
    @ConfigGroup
    interface StoreRuntimeConfig {
        /**
         * For {@code sql-blob} and {@code sql-query}: a JDBC URL for a connection pool of the store's own (HikariCP
         * and the JDBC driver on the class path) instead of a Quarkus datasource. Such a store does not join the
         * application's transactions.
         */
        Optional<String> url();

        /** With {@code url}: the user of the store's own pool. */
        Optional<String> username();

        /** With {@code url}: the password of the store's own pool. */
        Optional<String> password();

        /** With {@code url}: the connections of the store's own pool. */
        @ConfigDocDefault("10")
        Optional<String> maxPoolSize();

        /** With {@code url}: how long an operation waits for a connection of the store's own pool. */
        @ConfigDocDefault("30s")
        Optional<String> connectionTimeout();

        /** For {@code sql-blob}: the blob table, optionally schema-qualified. */
        @ConfigDocDefault("remote_store_objects")
        Optional<String> table();

        /**
         * For {@code sql-blob}: create the blob table when it is missing. Defaults to {@code false} when a schema
         * migration tool (Flyway) manages the store's datasource, so that the store never races its migrations.
         */
        @ConfigDocDefault("true")
        Optional<String> createTable();

        /** For {@code sql-blob}: the largest content a write accepts, in bytes or with a suffix ({@code 10M}). */
        @ConfigDocDefault("64M")
        Optional<String> maxBlobSize();

        /**
         * For {@code sql-query}: the SQL of a key ({@code queries."reports/daily.csv"=SELECT …}). A key may hold
         * placeholders ({@code sales/{year:int}.parquet}) that the SQL names as {@code :year}; the key's extension
         * chooses the format (parquet, csv, arrow, jsonl).
         */
        @ConfigDocMapKey("key")
        Map<String, String> queries();

        /**
         * For {@code sql-query}: also serve the Hibernate ORM named native queries whose names end in a format
         * extension ({@code @NamedNativeQuery(name = "reports/{year:int}.csv", query = "…")}), of the persistence
         * units on the store's datasource. Defaults to {@code true} where the application has the
         * {@code quarkus-hibernate-orm} extension; {@code true} without it fails the start.
         */
        Optional<String> namedQueries();

        /**
         * For {@code sql-query}: serve only the mapped queries; {@code false} also serves the views and tables a key
         * names.
         */
        @ConfigDocDefault("true")
        Optional<String> strict();

        /** For {@code local}: the root directory, created when missing. */
        Optional<String> root();

        /** For {@code composite}: the names of other configured stores, comma-separated, in tier order. */
        Optional<String> tiers();

        /** For {@code composite}: the tier that takes writes. Default: the first tier. */
        Optional<String> writeTier();

        /** For {@code composite}: also write every other tier that can write. */
        @ConfigDocDefault("false")
        Optional<String> writeThrough();

        /** For {@code s3} (module {@code remote-store-s3}): the bucket. */
        Optional<String> bucket();

        /** For {@code s3}: a key prefix all keys live under ({@code tenant-1/}). */
        Optional<String> prefix();

        /** For {@code s3}: the region. Default: the AWS SDK's region chain, or {@code us-east-1} with an endpoint. */
        Optional<String> region();

        /** For {@code s3}: the URL of an S3-compatible server ({@code http://localhost:9000}). Default: AWS. */
        Optional<String> endpoint();

        /** For {@code s3}: path-style URLs ({@code host/bucket/key}), which most S3-compatible servers need. */
        @ConfigDocDefault("false")
        Optional<String> pathStyle();

        /** For {@code s3}: the access key id; with {@code secret-access-key}. Default: the AWS SDK's credentials chain. */
        Optional<String> accessKeyId();

        /** For {@code s3}: the secret access key; with {@code access-key-id}. */
        Optional<String> secretAccessKey();

        /** For {@code s3}: the multipart part size and single-PUT limit, at least {@code 5M}. */
        @ConfigDocDefault("8M")
        Optional<String> partSize();

        /** For {@code s3}: create-only writes send {@code If-None-Match: *}; {@code false} for servers that reject it. */
        @ConfigDocDefault("true")
        Optional<String> conditionalWrites();

        /** For {@code composite}: per tier (by store name), the keys it serves. */
        @ConfigDocMapKey("tier-name")
        Map<String, TierConfig> tier();
    }

    /** One tier of a composite. */
    @ConfigGroup
    interface TierConfig {
        /**
         * A glob ({@code archive/**}) a key must match to resolve in this tier; such keys resolve and are written
         * there only.
         */
        Optional<String> match();
    }
}
