package dev.remotestore.sample;

import dev.remotestore.jpa.StoreKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An uploaded document: its metadata is this row, its content lives in the document store under {@link #content}
 * (a {@link StoreKey}, stored as its string by the converter the extension registers).
 *
 * <p>The named native queries whose names are file keys become files of the {@code exports} store: the extension
 * hands the persistence unit's named queries to every {@code sql-query} store on its datasource. Their SQL runs on
 * H2, PostgreSQL and MariaDB alike.
 */
@Entity
@Table(name = "document")
@NamedNativeQuery(name = "documents_per_month.parquet", query = Document.PER_MONTH)
@NamedNativeQuery(name = "documents_per_month.csv", query = Document.PER_MONTH)
@NamedNativeQuery(name = "documents_per_month.arrow", query = Document.PER_MONTH)
@NamedNativeQuery(name = "largest_documents.parquet", query = Document.LARGEST)
@NamedNativeQuery(name = "largest_documents.csv", query = Document.LARGEST)
@NamedNativeQuery(name = "largest_documents.arrow", query = Document.LARGEST)
public class Document {
    static final String PER_MONTH = "SELECT EXTRACT(YEAR FROM uploaded_at) AS upload_year,"
            + " EXTRACT(MONTH FROM uploaded_at) AS upload_month, COUNT(*) AS documents, SUM(size_bytes) AS total_bytes"
            + " FROM document GROUP BY EXTRACT(YEAR FROM uploaded_at), EXTRACT(MONTH FROM uploaded_at)"
            + " ORDER BY upload_year, upload_month";
    static final String LARGEST = "SELECT id, title, file_name, content_type, size_bytes, uploaded_at FROM document"
            + " ORDER BY size_bytes DESC, id FETCH FIRST 100 ROWS ONLY";

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    /** In UTC: the column is a TIMESTAMP without zone on every database. */
    @Column(name = "uploaded_at", nullable = false)
    private LocalDateTime uploadedAt;

    @Column(name = "content_key", nullable = false, length = 1024)
    private StoreKey content;

    protected Document() {}

    Document(String title, String fileName, String contentType) {
        this.id = UUID.randomUUID().toString();
        this.title = title;
        this.fileName = fileName;
        this.contentType = contentType;
        this.uploadedAt = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        this.content = StoreKey.of("documents/" + id);
    }

    public String getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getFileName() {
        return fileName;
    }

    public String getContentType() {
        return contentType;
    }

    public long getSize() {
        return size;
    }

    void setSize(long size) {
        this.size = size;
    }

    public LocalDateTime getUploadedAt() {
        return uploadedAt;
    }

    public StoreKey getContent() {
        return content;
    }
}
