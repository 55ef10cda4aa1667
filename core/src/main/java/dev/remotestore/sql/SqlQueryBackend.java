package dev.remotestore.sql;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Capability;
import dev.remotestore.CapabilityNotSupportedException;
import dev.remotestore.CapabilitySet;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderInfo;
import dev.remotestore.InvalidPathException;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.WriteOptions;
import dev.remotestore.internal.Digests;
import dev.remotestore.internal.Folders;
import dev.remotestore.internal.Streams;
import dev.remotestore.sql.format.ArrowSerializer;
import dev.remotestore.sql.format.CsvSerializer;
import dev.remotestore.sql.format.JsonLinesSerializer;
import dev.remotestore.sql.format.ParquetSerializer;
import dev.remotestore.sql.format.ResultSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A read-only store of query results: a key maps to a SQL query, and reading the key runs the query and
 * returns its result serialized in the format of the key's extension ({@code .parquet}, {@code .csv},
 * {@code .arrow}, {@code .arrows}, {@code .jsonl}, or one of your {@link ResultSerializer}s).
 *
 * <pre>{@code
 * Store reports = Store.of(SqlQueryBackend.builder()
 *         .dataSource(ds)
 *         .query("reports/daily_sales.parquet", "SELECT day, sum(amount) AS total FROM sales GROUP BY day")
 *         .query("sales/{year:int}-Q{quarter:int}.csv",
 *                 "SELECT * FROM sales WHERE year = :year AND quarter = :quarter")
 *         .build());
 * byte[] parquet = reports.readBytes("reports/daily_sales.parquet");
 * }</pre>
 *
 * <p>A key resolves, in this order, to (1) an explicit mapping — of the builder or a {@link QuerySource};
 * exact keys before patterns, patterns in the order given; (2) with {@code strict(false)}, a view named by
 * the key ({@code schema/view.ext} or {@code view.ext}); (3) with {@code strict(false)}, all rows of the
 * table so named (the convention). Views and tables are found through the database's metadata and quoted by
 * its rules; no text of a key is ever pasted into SQL. A key that resolves to nothing is a
 * {@link NotFoundException}, and nothing is executed.
 *
 * <p>Rows stream from the database (a fetch size; on PostgreSQL a cursor inside a transaction) into the
 * serializer, and the serialized bytes go to memory up to {@code spillThreshold}, then to a temporary file:
 * the heap does not grow with the result. {@link #read} returns a stream whose {@code skip} and
 * {@code mark}/{@code reset} seek; closing it deletes the temporary file.
 *
 * <p>Capabilities: READ, LIST and RECURSIVE_LIST (of the exact mapped keys), GLOB, METADATA, SEEKABLE_READ.
 * Sizes are unknown until materialized ({@link FileInfo#size()} is empty). Thread-safe: no connection is held
 * between operations.
 */
public final class SqlQueryBackend extends SqlBackendBase {
    /** The strategy name, also the {@link ResolutionPlan#kind()}. */
    public static final String NAME = "sql_query";

    private static final CapabilitySet CAPABILITIES = CapabilitySet.of(
            Capability.READ,
            Capability.LIST,
            Capability.RECURSIVE_LIST,
            Capability.GLOB,
            Capability.METADATA,
            Capability.SEEKABLE_READ);

    /** Exact keys in key order: looked up, and listed. */
    private final NavigableMap<String, QueryMapping> exact;

    private final List<QueryMapping> patterns;
    private final Map<String, ResultSerializer> serializers;
    private final boolean strict;
    private final Set<String> schemas;
    private final int fetchSize;
    private final boolean prefetch;
    private final int spillThreshold;
    private final Path tempDirectory;
    private final Instant modifiedAt;
    private final String schemaVersion;
    private final Duration queryTimeout;

    private SqlQueryBackend(Builder b, Connections connections, List<QueryMapping> mappings) {
        super(connections);
        this.serializers = Collections.unmodifiableMap(new TreeMap<>(b.serializers));
        this.strict = b.strict;
        this.schemas = Set.copyOf(b.schemas);
        this.fetchSize = b.fetchSize;
        this.prefetch = b.prefetch;
        this.spillThreshold = b.spillThreshold;
        this.tempDirectory = b.tempDirectory;
        this.modifiedAt = b.modifiedAt;
        this.schemaVersion = b.schemaVersion;
        this.queryTimeout = b.queryTimeout;
        NavigableMap<String, QueryMapping> exact = new TreeMap<>(RemotePath::compareKeys);
        List<QueryMapping> patterns = new ArrayList<>();
        for (QueryMapping m : mappings) {
            if (m.isPattern()) {
                patterns.add(m);
            } else {
                exact.put(m.key, m); // the builder refused keys mapped twice
            }
        }
        this.exact = Collections.unmodifiableNavigableMap(exact);
        this.patterns = List.copyOf(patterns);
        contactIfReachable();
    }

    /** A builder; {@code url(…)} or {@code dataSource(…)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CapabilitySet capabilities() {
        return CAPABILITIES;
    }

    /** The formats this backend serves, by extension. */
    public List<String> formats() {
        return List.copyOf(serializers.keySet());
    }

    /** Mappings live in memory, but a closed backend answers nothing, like every other. */
    private void ensureOpen(RemotePath path) {
        if (isClosed()) {
            throw new BackendUnavailableException("the backend is closed", path.toString(), description());
        }
    }

    // ---- resolution ----------------------------------------------------------------------------------------

    /** A key resolved to a query. */
    private record Resolved(
            String source, String sql, List<Object> binds, Map<String, Object> parameters, String format) {}

    /** The resolution of {@code path}, or empty when nothing maps it. Never executes the query. */
    private Optional<Resolved> lookup(RemotePath path) {
        ensureOpen(path);
        if (path.isRoot()) {
            return Optional.empty();
        }
        String key = path.toString();
        QueryMapping m = exact.get(key);
        if (m != null) {
            return Optional.of(new Resolved(m.source, m.sql, List.of(), Map.of(), m.format));
        }
        for (QueryMapping p : patterns) {
            Optional<Map<String, Object>> values = p.match(key);
            if (values.isPresent()) {
                return Optional.of(new Resolved(p.source, p.jdbcSql(), p.bind(values.get()), values.get(), p.format));
            }
        }
        if (strict) {
            return Optional.empty();
        }
        return relation(path);
    }

    /** A view or table named by the key, found through the database's metadata. */
    private Optional<Resolved> relation(RemotePath path) {
        String name = path.name();
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || path.segments().size() > 2) {
            return Optional.empty();
        }
        String object = name.substring(0, dot);
        String format = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String schema = path.segments().size() == 2 ? path.segments().get(0) : null;
        return query(path, c -> Relations.find(c, dialect(), schema, object, schemas))
                .map(r -> new Resolved(r.isView() ? "view" : "convention", r.selectAll(), List.of(), Map.of(), format));
    }

    private Resolved resolveOrThrow(RemotePath path) {
        Resolved r = lookup(path).orElse(null);
        if (r == null) {
            if (isFolder(path)) {
                throw new InvalidPathException(
                        "is a folder of mapped keys, not a file", path.toString(), description());
            }
            throw new NotFoundException(
                    strict
                            ? "no query is mapped to this key (strict mode: explicit mappings only)"
                            : "no query is mapped to this key, and it names no view or table",
                    path.toString(),
                    description());
        }
        serializer(r, path);
        return r;
    }

    private ResultSerializer serializer(Resolved r, RemotePath path) {
        ResultSerializer s = serializers.get(r.format());
        if (s == null) {
            throw new InvalidPathException(
                    "no serializer for the extension ." + r.format() + "; " + knownExtensions(serializers.keySet()),
                    path.toString(),
                    description());
        }
        return s;
    }

    /** {@code known extensions: .arrow, .csv, …}, sorted. */
    private static String knownExtensions(java.util.Collection<String> formats) {
        return "known extensions: ." + String.join(", .", new TreeSet<>(formats));
    }

    @Override
    public ResolutionPlan resolve(RemotePath path) {
        Map<String, Object> details = new LinkedHashMap<>();
        Resolved r = lookup(path).orElse(null);
        if (r == null) {
            details.put("source", "none");
            details.put("strict", strict);
            return new ResolutionPlan(NAME, description(), path.toString(), details);
        }
        serializer(r, path); // an extension read() refuses, resolve() refuses alike
        details.put("source", r.source());
        details.put("query", r.sql());
        details.put("format", r.format());
        if (!r.parameters().isEmpty()) {
            details.put("parameters", r.parameters());
        }
        details.put("cacheKey", cacheKey(r));
        return new ResolutionPlan(NAME, description(), path.toString(), details);
    }

    /**
     * A deterministic identity of what reading {@code key} would produce: SHA-256 over the query text, the bound
     * parameters (with their types), the format and the configured schema version. Equal keys give equal cache
     * keys across restarts; changing the query, a parameter or the schema version changes it.
     *
     * @throws NotFoundException if nothing maps the key
     */
    public String cacheKey(String key) {
        RemotePath path = RemotePath.of(key);
        return cacheKey(resolveOrThrow(path));
    }

    private String cacheKey(Resolved r) {
        MessageDigest md = Digests.sha256();
        update(md, "remote-store sql_query v1");
        update(md, schemaVersion);
        update(md, r.format());
        update(md, r.sql());
        for (Object bind : r.binds()) {
            update(md, bind.getClass().getSimpleName());
            update(md, bind instanceof BigDecimal d ? d.toPlainString() : bind.toString());
        }
        return Digests.hex(md);
    }

    private static void update(MessageDigest md, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) ':');
        md.update(bytes);
    }

    // ---- reading -------------------------------------------------------------------------------------------

    @Override
    public InputStream read(RemotePath path) {
        Resolved r = resolveOrThrow(path);
        try {
            return materialize(path, r).openAndRelease();
        } catch (IOException e) {
            throw new RemoteStoreException(
                    "reading the materialized result failed: " + e, path.toString(), description(), e);
        }
    }

    @Override
    public InputStream readRange(RemotePath path, long offset, long length) {
        InputStream in = read(path);
        try {
            in.skip(offset);
        } catch (IOException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new RemoteStoreException("seeking failed: " + e, path.toString(), description(), e);
        }
        return Streams.limit(in, length);
    }

    /** Runs the query and serializes its rows into a spill. */
    private Spill materialize(RemotePath path, Resolved r) {
        ResultSerializer serializer = serializer(r, path);
        Spill spill = new Spill(spillThreshold, tempDirectory);
        try {
            transact(path, c -> {
                String zone = dialect().useUtcSession(c);
                try (PreparedStatement ps =
                        c.prepareStatement(r.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    ps.setFetchSize(fetchSize);
                    if (queryTimeout != null) {
                        ps.setQueryTimeout((int) Math.max(1, queryTimeout.toSeconds()));
                    }
                    int i = 1;
                    for (Object bind : r.binds()) {
                        bind(ps, i++, bind);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultCursor cursor = ResultCursor.open(
                                rs,
                                dialect(),
                                e -> map(e, path),
                                message -> new RemoteStoreException(message, path.toString(), description()));
                        if (prefetch) {
                            // fetch and decode on one thread, encode on this one (closed before the result set)
                            try (PrefetchingCursor ahead = PrefetchingCursor.start(
                                    cursor, cursor.schema().columns().size(), Math.min(fetchSize, 1024))) {
                                serializer.write(cursor.schema(), ahead, spill);
                            }
                        } else {
                            serializer.write(cursor.schema(), cursor, spill);
                        }
                    }
                } finally {
                    dialect().restoreSession(c, zone);
                }
                return null;
            });
            spill.finish();
            return spill;
        } catch (RemoteStoreException e) {
            spill.close();
            throw e;
        } catch (IOException e) {
            spill.close();
            throw new RemoteStoreException("writing the result failed: " + e, path.toString(), description(), e);
        } catch (RuntimeException e) {
            spill.close();
            throw new RemoteStoreException(
                    "serializing the result as " + r.format() + " failed: " + e.getMessage(),
                    path.toString(),
                    description(),
                    e);
        }
    }

    private void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof LocalDate d) {
            dialect().bindDate(ps, index, d);
        } else {
            ps.setString(index, (String) value);
        }
    }

    // ---- metadata and listing ------------------------------------------------------------------------------

    @Override
    public boolean exists(RemotePath path) {
        return isFolder(path) || isFile(path);
    }

    @Override
    public boolean isFile(RemotePath path) {
        return lookup(path).filter(r -> serializers.containsKey(r.format())).isPresent();
    }

    @Override
    public boolean isFolder(RemotePath path) {
        ensureOpen(path);
        if (path.isRoot()) {
            return true;
        }
        String prefix = path + "/";
        String next = exact.ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
    }

    @Override
    public FileInfo getFileInfo(RemotePath path) {
        Resolved r = resolveOrThrow(path);
        return info(path, r.source(), r.format());
    }

    /** What is known before materializing; {@code format} is one this backend serves. */
    private FileInfo info(RemotePath path, String source, String format) {
        FileInfo.Builder b = FileInfo.builder(path)
                .extra("source", source)
                .extra("format", format)
                .extra("materialized", false)
                .contentType(serializers.get(format).contentType());
        if (modifiedAt != null) {
            b.modifiedAt(modifiedAt);
        }
        return b.build();
    }

    @Override
    public FolderInfo getFolderInfo(RemotePath path) {
        if (!isFolder(path)) {
            throw new NotFoundException("no mapped key is below this folder", path.toString(), description());
        }
        return Folders.summarize(path, listFiles(path, true));
    }

    @Override
    public Stream<FileInfo> listFiles(RemotePath folder, boolean recursive) {
        int from = prefix(folder).length();
        return below(folder)
                .filter(m -> recursive || m.key.indexOf('/', from) < 0)
                .map(m -> info(RemotePath.of(m.key), m.source, m.format));
    }

    @Override
    public Stream<String> listFolders(RemotePath folder) {
        int from = prefix(folder).length();
        return below(folder)
                .map(m -> m.key)
                .filter(key -> key.indexOf('/', from) > 0)
                .map(key -> key.substring(from, key.indexOf('/', from)))
                .distinct();
    }

    private static String prefix(RemotePath folder) {
        return folder.isRoot() ? "" : folder + "/";
    }

    /** The exact mappings below {@code folder}, in key order. */
    private Stream<QueryMapping> below(RemotePath folder) {
        ensureOpen(folder);
        String prefix = prefix(folder);
        return exact.tailMap(prefix, true).values().stream().takeWhile(m -> m.key.startsWith(prefix));
    }

    // ---- not offered ---------------------------------------------------------------------------------------

    private CapabilityNotSupportedException readOnly(Capability capability, RemotePath path) {
        return new CapabilityNotSupportedException(capability, path.toString(), description());
    }

    @Override
    public void write(RemotePath path, InputStream content, WriteOptions options) {
        throw readOnly(Capability.WRITE, path);
    }

    @Override
    public boolean delete(RemotePath path) {
        throw readOnly(Capability.DELETE, path);
    }

    @Override
    public void deleteFolder(RemotePath path, boolean recursive) {
        throw readOnly(Capability.DELETE, path);
    }

    @Override
    public void move(RemotePath source, RemotePath target, WriteOptions options) {
        throw readOnly(Capability.MOVE, source);
    }

    @Override
    public void copy(RemotePath source, RemotePath target, WriteOptions options) {
        throw readOnly(Capability.COPY, source);
    }

    @Override
    public String toString() {
        return "SqlQueryBackend(" + databaseName() + ", keys=" + exact.size() + ", patterns=" + patterns.size()
                + ", strict=" + strict + ")";
    }

    /**
     * Configures a {@link SqlQueryBackend}; {@link #build()} validates every mapping and contacts the database if
     * it answers. Not thread-safe; the backend it builds is immutable.
     */
    public static final class Builder extends ConnectionOptions<Builder> {
        /** The default number of rows fetched per round trip. */
        public static final int DEFAULT_FETCH_SIZE = 1000;
        /** The default number of serialized bytes kept in memory before spilling to a file. */
        public static final int DEFAULT_SPILL_THRESHOLD = 4 << 20;

        private final List<String[]> queries = new ArrayList<>();
        private final List<QuerySource> sources = new ArrayList<>();
        private final Map<String, ResultSerializer> serializers = new LinkedHashMap<>();
        private boolean strict = true;
        private final Set<String> schemas = new java.util.HashSet<>();
        private int fetchSize = DEFAULT_FETCH_SIZE;
        private boolean prefetch = Runtime.getRuntime().availableProcessors() > 1;
        private int spillThreshold = DEFAULT_SPILL_THRESHOLD;
        private Path tempDirectory;
        private Instant modifiedAt;
        private String schemaVersion = "";
        private Duration queryTimeout;

        private Builder() {
            for (ResultSerializer s : List.of(
                    ParquetSerializer.create(),
                    new CsvSerializer(),
                    ArrowSerializer.file(),
                    ArrowSerializer.stream(),
                    new JsonLinesSerializer())) {
                serializers.put(s.format(), s);
            }
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Maps {@code key} to {@code sql}. The key's extension picks the format. A key may hold placeholders,
         * {@code {name}} or {@code {name:int|decimal|date|string}}, each matching within one path segment;
         * the SQL then names them as {@code :name} (bound as JDBC parameters; {@code ?} is refused). The SQL of
         * a key without placeholders is sent as written.
         */
        public Builder query(String key, String sql) {
            queries.add(new String[] {key, sql, null});
            return this;
        }

        /**
         * Maps {@code key} to {@code sql}, served in {@code format} (a serializer's {@link ResultSerializer#format()})
         * whatever the key's extension, or without one: {@code query("exports/latest", sql, "csv")}.
         */
        public Builder query(String key, String sql, String format) {
            queries.add(new String[] {key, sql, Objects.requireNonNull(format, "format")});
            return this;
        }

        /** Maps every entry of {@code queries}, in the map's order. */
        public Builder queries(Map<String, String> queries) {
            queries.forEach(this::query);
            return this;
        }

        /** Adds the mappings of {@code source}, read at {@link #build()}; its name is their plan's source. */
        public Builder querySource(QuerySource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /**
         * Whether only explicit mappings resolve keys (default {@code true}); with {@code false}, views and then
         * tables named by the key are served too.
         */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * Lets {@code strict(false)} serve views and tables of these schemas (MariaDB: databases), compared
         * ignoring case; default only the connection's current schema (PostgreSQL's {@code search_path} head,
         * MariaDB's database of the URL, H2's {@code PUBLIC}), never every schema the database user can read. The databases' own catalogs
         * ({@code pg_catalog}, {@code information_schema}, {@code mysql}, {@code performance_schema},
         * {@code sys}) are never served.
         */
        public Builder schemas(String... names) {
            for (String name : names) {
                schemas.add(Objects.requireNonNull(name, "schema").toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /** Adds a format, or replaces the one with the same extension (e.g. Parquet with zstd). */
        public Builder serializer(ResultSerializer serializer) {
            String format = Objects.requireNonNull(serializer, "serializer").format();
            if (format == null || !format.matches("[a-z0-9]+")) {
                throw new IllegalArgumentException(
                        "a serializer's format is its extension in lower-case letters and digits, got \"" + format
                                + "\"");
            }
            serializers.put(format, serializer);
            return this;
        }

        /** Rows fetched per round trip (default 1000); also what bounds the driver's row buffer. */
        public Builder fetchSize(int rows) {
            this.fetchSize = rows;
            return this;
        }

        /**
         * Whether a result's rows are read ahead on a thread of their own while the rows before are serialized, so
         * that fetch and encoding overlap (default: when the JVM has more than one processor). The output is the
         * same either way; memory holds a few batches of at most 1024 rows more.
         */
        public Builder prefetch(boolean prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** Serialized bytes kept in memory before the result spills to a temporary file (default 4 MiB). */
        public Builder spillThreshold(int bytes) {
            this.spillThreshold = bytes;
            return this;
        }

        /** Where spilled results go; default the JVM's temporary directory. */
        public Builder tempDirectory(Path directory) {
            this.tempDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The modification time that metadata reports for every key (default: none, unknown). */
        public Builder modifiedAt(Instant time) {
            this.modifiedAt = Objects.requireNonNull(time, "time");
            return this;
        }

        /** A version of the database schema, mixed into {@link SqlQueryBackend#cacheKey}; default empty. */
        public Builder schemaVersion(String version) {
            this.schemaVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** A limit on each query's run time (JDBC query timeout, whole seconds); default none. */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Checks the options and every mapping as {@link #build()} does, without connecting (configuration
         * validation uses it). Reads the query sources.
         *
         * @throws IllegalArgumentException naming the mapping that is wrong
         * @throws dev.remotestore.InvalidPathException if a mapping's key is not a valid path
         * @throws IllegalStateException naming the option that is wrong
         */
        public void validate() {
            mappings();
        }

        /**
         * Validates every mapping (normal-form keys, known extensions, placeholders matching the SQL's
         * parameters) and makes the first contact with the database if it answers. A database that is down does
         * not fail the build: operations fail with {@link dev.remotestore.BackendUnavailableException} until it
         * answers, then work.
         *
         * @throws IllegalArgumentException naming the mapping that is wrong
         * @throws IllegalStateException naming the option that is wrong
         * @throws dev.remotestore.PermissionDeniedException if the database answers and refuses the credentials
         */
        public SqlQueryBackend build() {
            List<QueryMapping> mappings = mappings();
            return new SqlQueryBackend(this, connections("SqlQueryBackend"), mappings);
        }

        private List<QueryMapping> mappings() {
            validateConnection("SqlQueryBackend");
            if (fetchSize <= 0) {
                throw new IllegalStateException("fetchSize must be positive, got " + fetchSize);
            }
            if (spillThreshold < 0) {
                throw new IllegalStateException("spillThreshold must not be negative, got " + spillThreshold);
            }
            List<QueryMapping> mappings = new ArrayList<>();
            Map<String, String> seen = new LinkedHashMap<>();
            for (String[] q : queries) {
                mappings.add(mapping(q[0], q[1], q[2], "explicit", seen));
            }
            for (QuerySource source : sources) {
                source.queries().forEach((key, sql) -> mappings.add(mapping(key, sql, null, source.name(), seen)));
            }
            return mappings;
        }

        private QueryMapping mapping(String key, String sql, String format, String source, Map<String, String> seen) {
            QueryMapping m = QueryMapping.of(key, sql, source, format);
            if (!serializers.containsKey(m.format)) {
                throw new IllegalArgumentException("the key \"" + key + "\" has the format " + m.format
                        + ", which no serializer writes; " + knownExtensions(serializers.keySet()));
            }
            String earlier = seen.putIfAbsent(key, source);
            if (earlier != null) {
                throw new IllegalArgumentException(
                        "the key \"" + key + "\" is mapped twice (" + earlier + " and " + source + ")");
            }
            return m;
        }
    }
}
