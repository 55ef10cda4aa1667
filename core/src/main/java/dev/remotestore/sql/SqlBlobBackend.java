package dev.remotestore.sql;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.AtomicOutput;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.CapabilitySet;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderInfo;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.InvalidPathException;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.WriteOptions;
import dev.remotestore.internal.Digests;
import dev.remotestore.internal.HandedOverBytes;
import dev.remotestore.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A database table as a key &rarr; blob store: each row one file. Runs on SQLite (zero-infrastructure storage
 * in one file), H2, PostgreSQL and MariaDB/MySQL, on a pool it owns ({@link Builder#url}) or one it borrows
 * ({@link Builder#dataSource}).
 *
 * <p><b>Table.</b> {@code key} (primary key, compared in byte order), {@code data}, {@code size},
 * {@code modified_at} (UTC), {@code content_type}, {@code digest} (SHA-256 hex of {@code data}, computed while
 * writing) and {@code extra}. Created when missing unless {@code createTable(false)}; an existing table needs
 * only {@code key} and {@code data}, and missing optional columns leave the matching {@link FileInfo} facts
 * empty.
 *
 * <p><b>Transactions.</b> Every operation is atomic on its own. When the borrowed connection is inside the
 * caller's transaction (auto-commit off, as in a JTA {@code @Transactional} method), operations join it and
 * never commit or roll it back, so an entity row and its blob commit together.
 *
 * <p><b>Memory.</b> Content is read to its end (counted, limited by {@code maxBlobSize}, digested) into a
 * spool that moves to a temporary file past 1 MiB, then written with its exact length: PostgreSQL and H2 stream
 * it from there; MariaDB's driver builds the statement packet in memory (bounded by {@code max_allowed_packet})
 * and sqlite-jdbc materializes the value once. Reads of up to 1 MiB come back in one query; larger ones stream
 * chunk by chunk (1 MiB; 8 MiB on SQLite) through slice queries, each checked
 * against the digest read first, so a reader never mixes two versions (a chunk of a version replaced
 * mid-read fails the stream with an {@link IOException} instead). On PostgreSQL the {@code data} column is
 * {@code STORAGE EXTERNAL}, so a slice reads only the TOAST chunks it needs. MariaDB refuses content above its
 * {@code max_allowed_packet}, which this backend reads at start and enforces before anything is stored.
 *
 * <p><b>Listing</b> pages through the primary key with range predicates ({@code key >= ? AND key < ?}),
 * never {@code LIKE}, so {@code %}, {@code _} and {@code \} in keys are plain characters; listing streams hold
 * no connection between pages.
 *
 * <p>Thread-safe.
 */
public final class SqlBlobBackend extends SqlBackendBase {
    /** The default {@link Builder#maxBlobSize(long)}: 64 MiB. */
    public static final long DEFAULT_MAX_BLOB_SIZE = 64L << 20;

    private static final String NAME = "sql_blob";
    /** Values up to this size come back whole in the first query. */
    private static final int INLINE = 1 << 20;

    private static final int PAGE = 500;
    private static final CapabilitySet CAPABILITIES = CapabilitySet.all();

    private final String tableName;
    private final boolean createTable;
    private final long maxBlobSize;
    private final Clock clock;
    /** Where content larger than 1 MiB waits for its transaction; null for the JVM's temporary directory. */
    private final Path tempDirectory;

    /** The table as found at the first contact with the database (null until then). */
    private volatile TableState state;

    /**
     * @param t the table's columns
     * @param serverLimit the server's limit on one write's content (MariaDB's max_allowed_packet), or null
     * @param processLocks this JVM's path locks of the table, where the database cannot keep creators apart
     *     itself; else null
     */
    private record TableState(BlobTable t, Spool.Limit serverLimit, PathLocks processLocks) {}

    private SqlBlobBackend(Builder b, Connections connections) {
        super(connections);
        this.tableName = b.table;
        this.createTable = b.createTable;
        this.maxBlobSize = b.maxBlobSize;
        this.clock = b.clock;
        this.tempDirectory = b.tempDirectory;
        contactIfReachable();
    }

    /** Creates or inspects the table and reads the server's limits, at the first contact. */
    @Override
    void firstContact(Connection c, SqlDialect dialect) throws SQLException {
        BlobTable table = BlobTable.open(c, dialect, tableName, createTable);
        PathLocks locks = dialect.locksCreatesInProcess()
                ? PathLocks.of(Redaction.location(c.getMetaData().getURL()) + " " + table.identity)
                : null;
        state = new TableState(table, dialect.contentLimit(c), locks);
    }

    /** {@link #readSql()}, once built; a race builds the same statements twice. */
    private volatile ReadSql readSql;

    /** The table; after the first contact, which every entry point makes before it gets here. */
    private BlobTable t() {
        return state().t();
    }

    private TableState state() {
        TableState s = state;
        if (s == null) {
            throw new IllegalStateException("no contact with the database yet");
        }
        return s;
    }

    /** A builder; give it {@link Builder#url} or {@link Builder#dataSource}. */
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

    /**
     * The largest content a write accepts: {@code maxBlobSize}, or less on MariaDB/MySQL when the server's
     * {@code max_allowed_packet} is smaller.
     */
    public long maxContentSize() {
        contact(RemotePath.ROOT);
        return limit().bytes();
    }

    /** The table this backend stores into, as configured. */
    public String table() {
        return tableName;
    }

    /** Table and database; where the database has not been reached yet, it says so instead of failing. */
    @Override
    public ResolutionPlan resolve(RemotePath path) {
        try {
            contact(path);
        } catch (BackendUnavailableException notYet) {
            // a plan needs no contact: it says what is known
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("table", tableName);
        details.put("database", databaseName());
        product().ifPresent(p -> details.put("product", p));
        return new ResolutionPlan(NAME, description(), path.toString(), details);
    }

    // ---- SQL fragments -----------------------------------------------------------------------------------

    private String sizeExpr() {
        return t().size != null ? t().size : dialect().byteLength(t().data);
    }

    /** The key column as compared in range predicates: byte order even on a column of another collation. */
    private String keyCmp() {
        return dialect().byteOrderKey(t().key);
    }

    private String infoColumns() {
        String modified = t().modifiedAt != null ? dialect().timestampSelect(t().modifiedAt) : "NULL";
        return t().key + ", " + sizeExpr() + ", " + modified + ", " + orNull(t().contentType) + ", "
                + orNull(t().digest) + ", " + orNull(t().extra);
    }

    private static String orNull(String column) {
        return column != null ? column : "NULL";
    }

    private FileInfo info(ResultSet rs) throws SQLException {
        FileInfo.Builder info = FileInfo.builder(RemotePath.of(rs.getString(1)))
                .size(rs.getLong(2))
                .modifiedAt(t().modifiedAt != null ? dialect().readTimestamp(rs, 3) : null)
                .contentType(rs.getString(4))
                .digest(rs.getString(5));
        extra(rs.getString(6)).forEach(info::extra);
        return info.build();
    }

    /**
     * The facts of the {@code extra} column: a JSON object (TABLE-007). Text another program wrote that is no
     * JSON object is reported whole, under the name {@code extra}, rather than lost or failing the read.
     */
    private static Map<String, Object> extra(String json) {
        try {
            return Json.readObject(json);
        } catch (IllegalArgumentException notAnObject) {
            return Map.of("extra", json);
        }
    }

    /** {@code [folder/, folder0)}: exactly the keys below {@code folder} (none for the root). */
    private static String low(RemotePath folder) {
        return folder.isRoot() ? null : folder + "/";
    }

    private static String high(RemotePath folder) {
        return folder.isRoot() ? null : folder + "0";
    }

    // ---- queries -----------------------------------------------------------------------------------------

    @Override
    public boolean exists(RemotePath path) {
        if (path.isRoot()) {
            return query(path, c -> true);
        }
        return query(path, c -> {
            String sql = "SELECT 1 FROM " + t().table + " WHERE " + t().key + " = ? OR (" + keyCmp() + " >= ? AND "
                    + keyCmp() + " < ?) LIMIT 1";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, path.toString());
                ps.setString(2, low(path));
                ps.setString(3, high(path));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public boolean isFile(RemotePath path) {
        return !path.isRoot() && query(path, c -> fileExists(c, path));
    }

    @Override
    public boolean isFolder(RemotePath path) {
        return path.isRoot() ? query(path, c -> true) : query(path, c -> folderExists(c, path));
    }

    private boolean fileExists(Connection c, RemotePath path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + t().table + " WHERE " + t().key + " = ?")) {
            ps.setString(1, path.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private boolean folderExists(Connection c, RemotePath folder) throws SQLException {
        return folderExists(c, folder, "");
    }

    private boolean folderExists(Connection c, RemotePath folder, String lockingRead) throws SQLException {
        if (folder.isRoot()) {
            return true;
        }
        String sql = "SELECT 1 FROM " + t().table + " WHERE " + keyCmp() + " >= ? AND " + keyCmp() + " < ? LIMIT 1"
                + lockingRead;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, low(folder));
            ps.setString(2, high(folder));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** NotFound, or InvalidPath when the missing file is a folder. */
    private RemoteStoreException missing(Connection c, RemotePath path) throws SQLException {
        if (folderExists(c, path)) {
            return new InvalidPathException("is a folder, not a file", path.toString(), description());
        }
        return new NotFoundException("no such file", path.toString(), description());
    }

    // ---- reads -------------------------------------------------------------------------------------------

    @Override
    public InputStream read(RemotePath path) {
        return query(path, c -> {
            // The common case in one narrow statement: a small object's bytes, and nothing else (each further
            // column costs a small read more than the statement itself on SQLite: measured in BlobReadBenchmark).
            byte[] small = readSmall(c, path);
            if (small != null) {
                return new HandedOverBytes(small);
            }
            // Larger, or missing. Replaced in between, the version found now is the one read, by its digest.
            long size;
            String digest;
            try (PreparedStatement ps = c.prepareStatement(readSql().large())) {
                ps.setString(1, path.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw missing(c, path);
                    }
                    size = rs.getLong(1);
                    digest = rs.getString(2);
                }
            }
            if (digest == null) {
                // Without a digest column chunks cannot be checked against one version: read it whole.
                return new HandedOverBytes(readWhole(c, path));
            }
            return new ChunkedInput(path, digest, 0, size);
        });
    }

    /**
     * The bytes of the object at {@code path} if it is small (at most {@link #INLINE}), in one statement; {@code
     * null} if it is larger or missing. On an owned pool whose driver keeps no statements, the statement is kept
     * prepared on each connection.
     */
    private byte[] readSmall(Connection c, RemotePath path) throws SQLException {
        ReadSql sql = readSql();
        Connection keeper = ownsPool ? dialect().statementKeeper(c) : null;
        if (keeper != null) {
            return sql.keptSmall().run(keeper, ps -> readSmall(ps, path));
        }
        try (PreparedStatement ps = c.prepareStatement(sql.small())) {
            return readSmall(ps, path);
        }
    }

    private static byte[] readSmall(PreparedStatement ps, RemotePath path) throws SQLException {
        ps.setString(1, path.toString());
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            byte[] data = rs.getBytes(1);
            return data != null ? data : new byte[0];
        }
    }

    /**
     * The statements of a read: the bytes of a small object (also kept, see {@link KeptStatement}); the size and
     * digest of a larger one.
     */
    private record ReadSql(String small, String large, KeptStatement keptSmall) {
        ReadSql(String small, String large) {
            this(small, large, new KeptStatement(small));
        }
    }

    /** The read's statements, built once: the table is fixed at the first contact. */
    private ReadSql readSql() {
        ReadSql sql = readSql;
        if (sql == null) {
            String where = " FROM " + t().table + " WHERE " + t().key + " = ?";
            sql = new ReadSql(
                    // The bound is a constant of this class, written into the text: one parameter less to bind.
                    "SELECT " + t().data + where + " AND " + dialect().readBound(t().size, t().data) + " <= " + INLINE,
                    "SELECT " + sizeExpr() + ", " + orNull(t().digest) + where);
            readSql = sql;
        }
        return sql;
    }

    private byte[] readWhole(Connection c, RemotePath path) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + t().data + " FROM " + t().table + " WHERE " + t().key + " = ?")) {
            ps.setString(1, path.toString());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw missing(c, path);
                }
                return rs.getBytes(1);
            }
        }
    }

    @Override
    public InputStream readRange(RemotePath path, long offset, long length) {
        return query(path, c -> {
            long size;
            String digest;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + sizeExpr() + ", " + orNull(t().digest) + " FROM "
                    + t().table + " WHERE " + t().key + " = ?")) {
                ps.setString(1, path.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw missing(c, path);
                    }
                    size = rs.getLong(1);
                    digest = rs.getString(2);
                }
            }
            long start = Math.min(offset, size);
            long end = start + Math.min(length, size - start);
            if (end - start <= dialect().readChunkSize() || digest == null) {
                if (end - start > Integer.MAX_VALUE - 8) {
                    throw new RemoteStoreException(
                            "a range this large needs the digest column", path.toString(), description());
                }
                byte[] slice = end == start ? new byte[0] : slice(c, path, null, start, (int) (end - start));
                if (slice == null) {
                    throw new NotFoundException("no such file", path.toString(), description());
                }
                return new HandedOverBytes(slice);
            }
            return new ChunkedInput(path, digest, start, end);
        });
    }

    /**
     * Bytes {@code [from, from + length)} of the value, or {@code null} if the row is gone or (with {@code digest})
     * now holds another version.
     */
    private byte[] slice(Connection c, RemotePath path, String digest, long from, int length) throws SQLException {
        String sql = "SELECT " + dialect().slice(t().data) + " FROM " + t().table + " WHERE " + t().key + " = ?"
                + (digest != null ? " AND " + t().digest + " = ?" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (dialect().sliceBindsRange()) {
                ps.setLong(i++, from + 1);
                ps.setInt(i++, length);
            }
            ps.setString(i++, path.toString());
            if (digest != null) {
                ps.setString(i, digest);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? dialect().readSlice(rs, from, length) : null;
            }
        }
    }

    /** Streams {@code [position, end)} of one version of a value in chunks, one short query per chunk. */
    private final class ChunkedInput extends InputStream {
        private final RemotePath path;
        private final String digest;
        private long position;
        private final long end;
        private byte[] chunk = new byte[0];
        private int index;
        private boolean closed;

        ChunkedInput(RemotePath path, String digest, long position, long end) {
            this.path = path;
            this.digest = digest;
            this.position = position;
            this.end = end;
        }

        private boolean fill() throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (index < chunk.length) {
                return true;
            }
            if (position >= end) {
                return false;
            }
            int length = (int) Math.min(dialect().readChunkSize(), end - position);
            byte[] next;
            try {
                next = query(path, c -> slice(c, path, digest, position, length));
            } catch (RemoteStoreException e) {
                throw new IOException("reading " + path + " failed: " + e.getMessage(), e);
            }
            if (next == null || next.length != length) {
                throw new IOException("\"" + path + "\" was replaced or deleted while being read (" + description()
                        + "); read it again");
            }
            chunk = next;
            index = 0;
            position += length;
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? chunk[index++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - index);
            System.arraycopy(chunk, index, b, off, n);
            index += n;
            return n;
        }

        @Override
        public int available() {
            return chunk.length - index;
        }

        @Override
        public void close() {
            closed = true;
            chunk = new byte[0];
        }
    }

    // ---- writes ------------------------------------------------------------------------------------------

    @Override
    public void write(RemotePath path, InputStream content, WriteOptions options) {
        checkKey(path);
        if (!options.overwrite() && isFile(path)) {
            throw alreadyExists(path); // fail fast, before the content is read; checked again in the transaction
        }
        try (Spool spool = Spool.read(content, limit(), tempDirectory, path, description())) {
            store(path, spool, options);
        }
    }

    @Override
    public void writeAtomic(RemotePath path, InputStream content, WriteOptions options) {
        // One statement in one transaction: every write here is atomic.
        write(path, content, options);
    }

    /**
     * The content goes to a spool (memory, then a nameless temporary file) while it is written, and into the
     * table on {@code commit()}; an output that is never closed leaves nothing behind.
     */
    @Override
    public AtomicOutput openAtomic(RemotePath path, WriteOptions options) {
        checkKey(path);
        if (!options.overwrite() && isFile(path)) {
            throw alreadyExists(path);
        }
        Spill spill = Spool.spill(tempDirectory);
        Spool.Limit limit = limit();
        return new AtomicOutput() {
            @Override
            protected void writeBytes(byte[] b, int off, int len) throws IOException {
                if (spill.size() + len > limit.bytes()) {
                    throw new RemoteStoreException(
                            "the content exceeds " + limit.describe() + "; nothing was stored",
                            path.toString(),
                            description());
                }
                spill.write(b, off, len);
            }

            @Override
            protected void publish() throws IOException {
                try (Spool spool = Spool.of(spill)) {
                    store(path, spool, options);
                }
            }

            @Override
            protected void discard() {
                spill.close();
            }

            @Override
            protected String describeTarget() {
                return path.toString();
            }
        };
    }

    private Spool.Limit limit() {
        Spool.Limit serverLimit = state().serverLimit();
        if (serverLimit != null && serverLimit.bytes() < maxBlobSize) {
            return serverLimit;
        }
        return new Spool.Limit(maxBlobSize, "maxBlobSize (" + maxBlobSize + " bytes)");
    }

    /** A key the table cannot hold is an invalid path, found before any I/O (but the first contact). */
    private void checkKey(RemotePath path) {
        contact(path);
        String key = path.toString();
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > dialect().maxKeyBytes()) {
            throw new InvalidPathException(
                    "the key is " + bytes + " bytes long; this table holds keys of at most "
                            + dialect().maxKeyBytes() + " bytes (UTF-8)",
                    key,
                    description());
        }
        if (t().keyMaxChars > 0 && key.codePointCount(0, key.length()) > t().keyMaxChars) {
            throw new InvalidPathException(
                    "the key is longer than the " + t().keyMaxChars + " characters the key column of " + t().name
                            + " holds",
                    key,
                    description());
        }
    }

    private void store(RemotePath path, Spool spool, WriteOptions options) {
        Instant now = clock.instant();
        creating(
                path,
                () -> transact(path, c -> {
                    startCreate(c, path);
                    checkTarget(c, path, options.overwrite(), "");
                    List<String> columns = new ArrayList<>(List.of(t().key, t().data));
                    addIfPresent(columns, t().size, t().modifiedAt, t().contentType, t().digest, t().extra);
                    String sql = options.overwrite()
                            ? dialect().upsert(t().table, t().key, columns)
                            : "INSERT INTO " + t().table + " (" + String.join(", ", columns) + ") VALUES ("
                                    + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
                    try (PreparedStatement ps = dialect().prepareContent(c, sql);
                            InputStream in = spool.open()) {
                        int i = 1;
                        ps.setString(i++, path.toString());
                        if (spool.bytes() != null) {
                            ps.setBytes(i++, spool.bytes());
                        } else {
                            ps.setBinaryStream(i++, in, spool.size());
                        }
                        if (t().size != null) {
                            ps.setLong(i++, spool.size());
                        }
                        if (t().modifiedAt != null) {
                            dialect().bindTimestamp(ps, i++, now);
                        }
                        if (t().contentType != null) {
                            ps.setString(i++, options.contentType().orElse(null));
                        }
                        if (t().digest != null) {
                            ps.setString(i++, spool.digest());
                        }
                        if (t().extra != null) {
                            ps.setString(i++, Json.writeObject(options.extra()));
                        }
                        ps.executeUpdate();
                    }
                    finishCreate(c, path);
                    return null;
                }));
    }

    private static void addIfPresent(List<String> columns, String... optional) {
        for (String column : optional) {
            if (column != null) {
                columns.add(column);
            }
        }
    }

    // ---- creating writes: a key and its ancestors or descendants are never created at once (ADR 007) ------

    /**
     * Runs {@code transaction}, a write that creates {@code target}, holding this JVM's path locks where the
     * dialect needs them ({@link SqlDialect#locksCreatesInProcess()}).
     */
    private void creating(RemotePath target, Runnable transaction) {
        PathLocks processLocks = state().processLocks();
        if (processLocks == null) {
            transaction.run();
            return;
        }
        try (PathLocks.Held held = processLocks.lockForCreate(target)) {
            transaction.run();
        }
    }

    /** First in a creating transaction: the database's locks on the key and its ancestors, if it has any. */
    private void startCreate(Connection c, RemotePath target) throws SQLException {
        dialect().lockForCreate(c, t().identity, target);
    }

    /**
     * Last in a creating transaction: where the database's locking reads wait for uncommitted writers, the
     * write rules are checked again with them, now that this transaction's own row is in place.
     */
    private void finishCreate(Connection c, RemotePath target) throws SQLException {
        String lockingRead = dialect().lockingRead();
        if (lockingRead != null) {
            checkTarget(c, target, true, lockingRead);
        }
    }

    /**
     * The write rules that depend on the table, checked in the write's transaction: no ancestor is a file, the
     * key is no folder, and (unless overwriting) the key is free. Every read ends with {@code lockingRead}
     * ({@code ""} for plain reads).
     */
    private void checkTarget(Connection c, RemotePath path, boolean overwrite, String lockingRead) throws SQLException {
        List<String> probes = new ArrayList<>();
        for (RemotePath p = path.parent().orElseThrow();
                !p.isRoot();
                p = p.parent().orElseThrow()) {
            probes.add(p.toString());
        }
        if (!overwrite) {
            probes.add(path.toString());
        }
        if (!probes.isEmpty()) {
            String sql = "SELECT " + t().key + " FROM " + t().table + " WHERE " + t().key + " IN ("
                    + String.join(", ", Collections.nCopies(probes.size(), "?")) + ")" + lockingRead;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < probes.size(); i++) {
                    ps.setString(i + 1, probes.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String hit = rs.getString(1);
                        if (hit.equals(path.toString())) {
                            throw alreadyExists(path);
                        }
                        throw new InvalidPathException(
                                "cannot be written below \"" + hit + "\", which is a file (WRITE-007)",
                                path.toString(),
                                description());
                    }
                }
            }
        }
        if (folderExists(c, path, lockingRead)) {
            throw new InvalidPathException("is a folder, not a file (WRITE-006)", path.toString(), description());
        }
    }

    private AlreadyExistsException alreadyExists(RemotePath path) {
        return new AlreadyExistsException(
                "the file exists and OVERWRITE was not given", path.toString(), description());
    }

    // ---- deletes -----------------------------------------------------------------------------------------

    @Override
    public boolean delete(RemotePath path) {
        return transact(path, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t().table + " WHERE " + t().key + " = ?")) {
                ps.setString(1, path.toString());
                if (ps.executeUpdate() > 0) {
                    return true;
                }
            }
            if (folderExists(c, path)) {
                throw new InvalidPathException(
                        "is a folder, not a file; use deleteFolder", path.toString(), description());
            }
            return false;
        });
    }

    /**
     * One conditional {@code DELETE … WHERE key = ? AND digest = ?}. A table without a digest column hashes the
     * content first, then deletes: a write can slip between the two there.
     */
    @Override
    public boolean deleteIfMatches(RemotePath path, String digest) {
        contact(path);
        if (t().digest == null) {
            String current;
            try (InputStream in = read(path)) {
                MessageDigest md = Digests.sha256();
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    md.update(buffer, 0, n);
                }
                current = Digests.hex(md);
            } catch (NotFoundException e) {
                return false;
            } catch (IOException e) {
                throw new RemoteStoreException("reading for a digest failed: " + e, path.toString(), description(), e);
            }
            return current.equals(digest) && delete(path);
        }
        return transact(path, c -> {
            String sql = "DELETE FROM " + t().table + " WHERE " + t().key + " = ? AND " + t().digest + " = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, path.toString());
                ps.setString(2, digest);
                if (ps.executeUpdate() > 0) {
                    return true;
                }
            }
            if (!fileExists(c, path) && folderExists(c, path)) {
                throw new InvalidPathException(
                        "is a folder, not a file; use deleteFolder", path.toString(), description());
            }
            return false;
        });
    }

    @Override
    public void deleteFolder(RemotePath path, boolean recursive) {
        transact(path, c -> {
            if (!folderExists(c, path)) {
                throw new NotFoundException("no such folder", path.toString(), description());
            }
            if (!recursive) {
                throw new FolderNotEmptyException(
                        "the folder holds files and RECURSIVE was not given", path.toString(), description());
            }
            String sql = "DELETE FROM " + t().table + " WHERE " + keyCmp() + " >= ? AND " + keyCmp() + " < ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, low(path));
                ps.setString(2, high(path));
                ps.executeUpdate();
            }
            return null;
        });
    }

    // ---- listing -----------------------------------------------------------------------------------------

    /** One page of files in key order: after {@code after} (or from {@code from}, inclusive), below {@code high}. */
    private List<FileInfo> page(RemotePath folder, String from, boolean inclusive) {
        return query(folder, c -> {
            StringBuilder sql = new StringBuilder("SELECT " + infoColumns() + " FROM " + t().table + " WHERE 1 = 1");
            if (from != null) {
                sql.append(" AND ").append(keyCmp()).append(inclusive ? " >= ?" : " > ?");
            }
            if (!folder.isRoot()) {
                sql.append(" AND ").append(keyCmp()).append(" < ?");
            }
            sql.append(" ORDER BY ").append(keyCmp()).append(" LIMIT ").append(PAGE);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (from != null) {
                    ps.setString(i++, from);
                }
                if (!folder.isRoot()) {
                    ps.setString(i, high(folder));
                }
                List<FileInfo> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(info(rs));
                    }
                }
                return rows;
            }
        });
    }

    /**
     * Walks the keys below {@code folder} page by page. Without {@code recursive}, each sub-folder met is
     * skipped in one seek past its key range and reported to {@code onFolder} instead of its files.
     */
    private Iterator<FileInfo> scan(RemotePath folder, boolean recursive, Consumer<String> onFolder) {
        int prefixLength = folder.isRoot() ? 0 : folder.toString().length() + 1;
        String prefix = folder.isRoot() ? "" : folder + "/";
        return new Iterator<>() {
            private final Deque<FileInfo> ready = new ArrayDeque<>();
            private String from = low(folder);
            private boolean inclusive = true;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && !exhausted) {
                    fetch();
                }
                return !ready.isEmpty();
            }

            private void fetch() {
                List<FileInfo> rows = page(folder, from, inclusive);
                exhausted = rows.size() < PAGE;
                for (FileInfo row : rows) {
                    String rest = row.path().substring(prefixLength);
                    int slash = rest.indexOf('/');
                    if (!recursive && slash >= 0) {
                        String name = rest.substring(0, slash);
                        onFolder.accept(name);
                        from = prefix + name + "0"; // past every key of this sub-folder
                        inclusive = true;
                        exhausted = false;
                        return;
                    }
                    ready.add(row);
                    from = row.path();
                    inclusive = false;
                }
            }

            @Override
            public FileInfo next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    @Override
    public Stream<FileInfo> listFiles(RemotePath folder, boolean recursive) {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                        scan(folder, recursive, name -> {}), Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    @Override
    public Stream<String> listFolders(RemotePath folder) {
        List<String> names = new ArrayList<>();
        scan(folder, false, names::add).forEachRemaining(file -> {});
        return names.stream();
    }

    // ---- metadata ----------------------------------------------------------------------------------------

    @Override
    public FileInfo getFileInfo(RemotePath path) {
        return query(path, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + infoColumns() + " FROM " + t().table + " WHERE " + t().key + " = ?")) {
                ps.setString(1, path.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw missing(c, path);
                    }
                    return info(rs);
                }
            }
        });
    }

    @Override
    public FolderInfo getFolderInfo(RemotePath path) {
        return query(path, c -> {
            String sql = "SELECT COUNT(*), COALESCE(SUM(" + sizeExpr() + "), 0), "
                    + (t().modifiedAt != null ? dialect().timestampSelect("MAX(" + t().modifiedAt + ")") : "NULL")
                    + " FROM " + t().table
                    + (path.isRoot() ? "" : " WHERE " + keyCmp() + " >= ? AND " + keyCmp() + " < ?");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (!path.isRoot()) {
                    ps.setString(1, low(path));
                    ps.setString(2, high(path));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long count = rs.getLong(1);
                    if (count == 0 && !path.isRoot()) {
                        throw new NotFoundException("no such folder", path.toString(), description());
                    }
                    Instant latest = t().modifiedAt != null ? dialect().readTimestamp(rs, 3) : null;
                    return new FolderInfo(path.toString(), count, rs.getLong(2), Optional.ofNullable(latest));
                }
            }
        });
    }

    /** Closes an owned pool, and with its connections the statements kept on them. Idempotent. */
    @Override
    public void close() {
        super.close();
        ReadSql sql = readSql;
        if (sql != null) {
            sql.keptSmall().clear();
        }
    }

    // ---- move / copy -------------------------------------------------------------------------------------

    /**
     * Renames the row. Without OVERWRITE the target is never deleted first: the primary key refuses a target
     * that a concurrent write created after the checks (CONC-004), so that write is never replaced.
     */
    @Override
    public void move(RemotePath source, RemotePath target, WriteOptions options) {
        checkKey(target);
        creating(
                target,
                () -> transact(source, c -> {
                    clearTarget(c, source, target, options.overwrite());
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE " + t().table + " SET " + t().key + " = ? WHERE " + t().key + " = ?")) {
                        ps.setString(1, target.toString());
                        ps.setString(2, source.toString());
                        executeCreating(ps, target, options.overwrite());
                    }
                    finishCreate(c, target);
                    return null;
                }));
    }

    /** Copies on the server: the content never travels through this JVM (nor through max_allowed_packet). */
    @Override
    public void copy(RemotePath source, RemotePath target, WriteOptions options) {
        checkKey(target);
        Instant now = clock.instant();
        creating(
                target,
                () -> transact(source, c -> {
                    clearTarget(c, source, target, options.overwrite());
                    List<String> columns = new ArrayList<>(List.of(t().key, t().data));
                    addIfPresent(columns, t().size, t().modifiedAt, t().contentType, t().digest, t().extra);
                    List<String> values = new ArrayList<>();
                    for (String column : columns) {
                        values.add(column.equals(t().key) || column.equals(t().modifiedAt) ? "?" : column);
                    }
                    String sql = "INSERT INTO " + t().table + " (" + String.join(", ", columns) + ") SELECT "
                            + String.join(", ", values) + " FROM " + t().table + " WHERE " + t().key + " = ?";
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        int i = 1;
                        ps.setString(i++, target.toString());
                        if (t().modifiedAt != null) {
                            dialect().bindTimestamp(ps, i++, now);
                        }
                        ps.setString(i, source.toString());
                        executeCreating(ps, target, options.overwrite());
                    }
                    finishCreate(c, target);
                    return null;
                }));
    }

    /**
     * The start of a move's or copy's transaction: the create locks of {@code target}, the source's existence,
     * the write rules for the target, and (with OVERWRITE) the target's old row gone.
     */
    private void clearTarget(Connection c, RemotePath source, RemotePath target, boolean overwrite)
            throws SQLException {
        startCreate(c, target);
        if (!fileExists(c, source)) {
            throw missing(c, source);
        }
        checkTarget(c, target, overwrite, "");
        if (overwrite) {
            deleteRow(c, target);
        }
    }

    /**
     * Executes the statement that puts a row at {@code target}. A duplicate key means a concurrent write created
     * the target after the checks: without OVERWRITE that write wins ({@link AlreadyExistsException} naming the
     * target); with it, the transaction runs again and replaces it.
     */
    private void executeCreating(PreparedStatement ps, RemotePath target, boolean overwrite) throws SQLException {
        try {
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!dialect().isUniqueViolation(e)) {
                throw e;
            }
            if (overwrite) {
                throw retry(e);
            }
            throw new AlreadyExistsException(
                    "a concurrent write created the target, and OVERWRITE was not given",
                    target.toString(),
                    description(),
                    e);
        }
    }

    private void deleteRow(Connection c, RemotePath path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t().table + " WHERE " + t().key + " = ?")) {
            ps.setString(1, path.toString());
            ps.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return "SqlBlobBackend[" + databaseName() + ", table=" + tableName + "]";
    }

    /**
     * Configures a {@link SqlBlobBackend}; {@link #build()} validates and contacts the database if it answers. Not
     * thread-safe; the backend it builds is immutable.
     */
    public static final class Builder extends ConnectionOptions<Builder> {
        private String table = "remote_store_objects";
        private boolean createTable = true;
        private long maxBlobSize = DEFAULT_MAX_BLOB_SIZE;
        private Clock clock = Clock.systemUTC();
        private Path tempDirectory;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** The table, optionally schema-qualified; default {@code remote_store_objects}. */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /** Whether to create the table when it is missing; default {@code true}. */
        public Builder createTable(boolean createTable) {
            this.createTable = createTable;
            return this;
        }

        /** The largest content a write accepts, counted while streaming; default 64 MiB. */
        public Builder maxBlobSize(long bytes) {
            this.maxBlobSize = bytes;
            return this;
        }

        /**
         * Where content larger than 1 MiB waits (as a nameless temporary file) for its transaction; default the
         * JVM's temporary directory.
         */
        public Builder tempDirectory(Path directory) {
            this.tempDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The clock of modification times; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Checks the options as {@link #build()} does, without connecting (configuration validation uses it).
         *
         * @throws IllegalStateException naming the option that is wrong
         * @throws IllegalArgumentException if the table name is not a valid name
         */
        public void validate() {
            validateConnection("SqlBlobBackend");
            BlobTable.validateName(table);
            if (maxBlobSize <= 0) {
                throw new IllegalStateException("maxBlobSize must be positive, got " + maxBlobSize);
            }
        }

        /**
         * Validates the options and, if the database answers, makes the first contact: creates or inspects the
         * table. A database that is down does not fail the build: operations fail with
         * {@link dev.remotestore.BackendUnavailableException} until it answers, then work (the first contact is
         * made then).
         *
         * @throws IllegalStateException naming the option that is wrong, or, when the database answers, the table
         *     (and column) that is missing
         * @throws IllegalArgumentException if the table name is not a valid name
         * @throws dev.remotestore.PermissionDeniedException if the database answers and refuses the credentials
         */
        public SqlBlobBackend build() {
            validate();
            Connections connections = connections("SqlBlobBackend");
            return new SqlBlobBackend(this, connections);
        }
    }
}
