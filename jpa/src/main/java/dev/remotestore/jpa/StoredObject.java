package dev.remotestore.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcType;
import org.hibernate.type.descriptor.jdbc.InstantAsTimestampJdbcType;

/**
 * One object of a {@link dev.remotestore.sql.SqlBlobBackend}'s blob table, as a read-only JPA entity of its
 * metadata: query it with JPQL ({@code SELECT o FROM StoredObject o WHERE o.key >= 'reports/'}) and join it to
 * the application's own entities. The {@code data} column is not mapped, so loading or listing entities never
 * reads content; content goes through the {@link dev.remotestore.Store}'s streaming API.
 *
 * <p>The table is {@code remote_store_objects}; an application whose store uses another table overrides it in
 * its {@code META-INF/orm.xml} ({@code docs/jpa.md}). Every column name is quoted: {@code key} is a reserved word
 * in MariaDB and H2, and the blob table's DDL creates lower-case quoted names that H2 does not fold.
 * {@code hibernate.hbm2ddl.auto=validate} passes against the table that {@link dev.remotestore.sql.BlobTableSchema}
 * creates on PostgreSQL, MariaDB, SQLite and H2.
 *
 * <p>Writes go through the store: instances are made only by the persistence provider, every column is neither
 * insertable nor updatable, and with Hibernate ORM the entity is {@code @Immutable} (no dirty checking, no
 * snapshots kept).
 *
 * <p>{@code modified_at} is a {@code TIMESTAMP} without time zone holding UTC (TABLE-006). Hibernate would map an
 * {@code Instant} to {@code TIMESTAMP WITH TIME ZONE} (which validation refuses), and a {@code LocalDateTime} goes
 * through the JVM's zone (a UTC time inside that zone's daylight-saving gap moves an hour), so the attribute
 * binds and reads with a UTC calendar ({@code @JdbcType(InstantAsTimestampJdbcType.class)}). Both Hibernate
 * annotations are ignored by other providers; this module's tests run Hibernate ORM 7.2.
 */
@Entity(name = "StoredObject")
@Table(name = "\"remote_store_objects\"")
@Immutable
public class StoredObject {
    @Id
    @Column(name = "\"key\"", length = 1024, nullable = false, updatable = false)
    private String key;

    @Column(name = "\"size\"", nullable = false, insertable = false, updatable = false)
    private long size;

    @Column(name = "\"modified_at\"", nullable = false, insertable = false, updatable = false)
    @JdbcType(InstantAsTimestampJdbcType.class)
    private Instant modifiedAt;

    @Column(name = "\"content_type\"", insertable = false, updatable = false)
    private String contentType;

    @Column(name = "\"digest\"", length = 64, insertable = false, updatable = false)
    private String digest;

    @Column(name = "\"extra\"", length = Integer.MAX_VALUE, insertable = false, updatable = false)
    private String extra;

    /** For the persistence provider: objects are written through a {@link dev.remotestore.Store}. */
    protected StoredObject() {}

    /** The object's key in the store (attribute {@code key}). */
    public String key() {
        return key;
    }

    /** The key as the value type entities hold. */
    public StoreKey storeKey() {
        return StoreKey.of(key);
    }

    /** The content's length in bytes (attribute {@code size}). */
    public long size() {
        return size;
    }

    /** When the content was last written (attribute {@code modifiedAt}; stored as UTC). */
    public Instant modifiedAt() {
        return modifiedAt;
    }

    /** The content type given when it was written (attribute {@code contentType}). */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** The lower-case hex SHA-256 of the content (attribute {@code digest}). */
    public Optional<String> digest() {
        return Optional.ofNullable(digest);
    }

    /** The caller's facts ({@code WriteOption.extra}) as a JSON object's text (attribute {@code extra}). */
    public Optional<String> extra() {
        return Optional.ofNullable(extra);
    }

    @Override
    public String toString() {
        return "StoredObject(" + key + ", " + size + " bytes, " + modifiedAt + ")";
    }
}
