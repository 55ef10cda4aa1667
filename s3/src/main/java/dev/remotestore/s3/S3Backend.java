package dev.remotestore.s3;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.AtomicOutput;
import dev.remotestore.Backend;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.CapabilitySet;
import dev.remotestore.FileInfo;
import dev.remotestore.FolderInfo;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.InvalidPathException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.WriteOptions;
import dev.remotestore.internal.Digests;
import dev.remotestore.internal.Folders;
import dev.remotestore.internal.Streams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects of an S3 bucket (AWS S3 or an S3-compatible server: MinIO, Ceph RGW, Garage, S3Proxy…), below an
 * optional key prefix, on the AWS SDK for Java v2. A key {@code a/b.txt} is the object {@code <prefix>a/b.txt}.
 *
 * <p>Reads stream the object ({@code readRange} sends an HTTP {@code Range}). Writes read the content in parts of
 * {@link Builder#partSize(int)} bytes: content smaller than one part is one {@code PutObject}, larger content a
 * multipart upload whose memory is bounded by about two parts, never by the object; a failed upload is aborted, so
 * no part stays behind. An object appears whole or not at all, so every write is atomic. A write without
 * {@code OVERWRITE} is a conditional request ({@code If-None-Match: *} on {@code PutObject} or
 * {@code CompleteMultipartUpload}): of two creators, also in different processes, exactly one wins.
 *
 * <p>Folders are implicit, as in the other backends: a folder exists while an object lies below it. That a key is
 * never a file and a folder at once (WRITE-006/007) is checked before each write and, under races, enforced only
 * within this backend instance (S3 has no transaction over two keys). {@code move} is copy-then-delete and not
 * atomic: a reader can see both copies for a moment, and a failure between the steps leaves both. Keeps size,
 * modification time and content type; no SHA-256 digest (an ETag is not one: it is reported as
 * {@code extra().get("s3.etag")} by {@code getFileInfo}) and no {@code WriteOption.extra} facts.
 *
 * <p>Errors: HTTP 403 becomes {@link PermissionDeniedException}; a missing object {@link NotFoundException}; a
 * missing bucket, throttling, 5xx after the SDK's retries and connection failures
 * {@link BackendUnavailableException}. No SDK exception leaves the backend except as a cause.
 *
 * <p>Thread-safe (the SDK's client is). Closing closes the client if the backend built it, not a borrowed one.
 */
public final class S3Backend implements Backend {
    /** S3's smallest part of a multipart upload, except the last. */
    public static final int MIN_PART_SIZE = 5 << 20;
    /** The default part size: 8 MiB. */
    public static final int DEFAULT_PART_SIZE = 8 << 20;
    /** Above this size S3's single {@code CopyObject} refuses; larger copies stream through this JVM. */
    private static final long MAX_SERVER_COPY = 5L << 30;

    private static final String NAME = "s3";
    private static final int DELETE_BATCH = 1000;

    private final S3Client client;
    private final boolean ownsClient;
    private final String bucket;
    private final String prefix;
    private final int partSize;
    private final boolean conditionalWrites;
    private final String description;
    private final PathLocks locks = new PathLocks();
    private volatile boolean closed;

    private S3Backend(Builder b, S3Client client, boolean ownsClient) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.bucket = b.bucket;
        this.prefix = b.prefix;
        this.partSize = b.partSize;
        this.conditionalWrites = b.conditionalWrites;
        this.description = NAME + " on s3://" + bucket + "/" + prefix + (b.endpoint == null ? "" : " at " + b.endpoint);
    }

    /** A builder; {@link Builder#bucket(String)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public CapabilitySet capabilities() {
        return CapabilitySet.all();
    }

    /** The bucket. */
    public String bucket() {
        return bucket;
    }

    /** The object key of {@code path}: the prefix followed by the path. */
    public String objectKey(RemotePath path) {
        return prefix + path;
    }

    private String folderPrefix(RemotePath folder) {
        return folder.isRoot() ? prefix : prefix + folder + "/";
    }

    // ---- queries -----------------------------------------------------------------------------------------

    @Override
    public boolean exists(RemotePath path) {
        return isFile(path) || isFolder(path);
    }

    @Override
    public boolean isFile(RemotePath path) {
        ensureOpen(path);
        return !path.isRoot() && head(path).isPresent();
    }

    @Override
    public boolean isFolder(RemotePath path) {
        ensureOpen(path);
        if (path.isRoot()) {
            return true;
        }
        return hasObjectsBelow(path);
    }

    private boolean hasObjectsBelow(RemotePath folder) {
        try {
            // contents(), not keyCount(): KeyCount is an optional response element (null when a server omits it)
            return !client.listObjectsV2(ListObjectsV2Request.builder()
                            .bucket(bucket)
                            .prefix(folderPrefix(folder))
                            .maxKeys(1)
                            .build())
                    .contents()
                    .isEmpty();
        } catch (SdkException e) {
            throw map(e, folder, "listing");
        }
    }

    /** The object's metadata, or empty if there is none. */
    private Optional<HeadObjectResponse> head(RemotePath path) {
        try {
            return Optional.of(client.headObject(b -> b.bucket(bucket).key(objectKey(path))));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw map(e, path, "HEAD");
        } catch (SdkException e) {
            throw map(e, path, "HEAD");
        }
    }

    // ---- reads -------------------------------------------------------------------------------------------

    @Override
    public InputStream read(RemotePath path) {
        ensureOpen(path);
        try {
            return client.getObject(b -> b.bucket(bucket).key(objectKey(path)));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404 && !isBucketMissing(e)) {
                throw missingFile(path, e);
            }
            throw map(e, path, "GET");
        } catch (SdkException e) {
            throw map(e, path, "GET");
        }
    }

    @Override
    public InputStream readRange(RemotePath path, long offset, long length) {
        ensureOpen(path);
        if (length == 0) {
            requireFile(path);
            return InputStream.nullInputStream();
        }
        // "bytes=from-to" is inclusive; a length reaching past Long.MAX_VALUE asks for everything from offset.
        String range = length > Long.MAX_VALUE - offset
                ? "bytes=" + offset + "-"
                : "bytes=" + offset + "-" + (offset + length - 1);
        try {
            ResponseInputStream<GetObjectResponse> in =
                    client.getObject(b -> b.bucket(bucket).key(objectKey(path)).range(range));
            return in;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 416) {
                requireFile(path); // an offset at or past the end: empty (READ-006)
                return InputStream.nullInputStream();
            }
            if (e.statusCode() == 404 && !isBucketMissing(e)) {
                throw missingFile(path, e);
            }
            throw map(e, path, "GET range");
        } catch (SdkException e) {
            throw map(e, path, "GET range");
        }
    }

    private HeadObjectResponse requireFile(RemotePath path) {
        return head(path).orElseThrow(() -> missingFile(path, null));
    }

    /** A file operation found no object: a folder there is InvalidPath, else NotFound. */
    private RemoteStoreException missingFile(RemotePath path, Throwable cause) {
        if (hasObjectsBelow(path)) {
            return new InvalidPathException("is a folder, not a file", path.toString(), description, cause);
        }
        return new NotFoundException("no such file", path.toString(), description, cause);
    }

    // ---- writes ------------------------------------------------------------------------------------------

    @Override
    public void write(RemotePath path, InputStream content, WriteOptions options) {
        ensureOpen(path);
        try (PathLocks.Held held = locks.hold(path)) {
            checkTarget(path, options.overwrite());
            upload(path, content, options);
        }
    }

    @Override
    public void writeAtomic(RemotePath path, InputStream content, WriteOptions options) {
        // An S3 object appears whole or not at all: every write is atomic.
        write(path, content, options);
    }

    @Override
    public AtomicOutput openAtomic(RemotePath path, WriteOptions options) {
        ensureOpen(path);
        checkTarget(path, options.overwrite()); // fail fast; checked again on commit
        return new PartOutput(path, options);
    }

    /**
     * The write rules that depend on state: not below a file (WRITE-007), not a folder (WRITE-006), not existing
     * unless overwriting (WRITE-002; the conditional request makes it hold between processes too).
     */
    private void checkTarget(RemotePath path, boolean overwrite) {
        for (RemotePath p = path.parent().orElseThrow();
                !p.isRoot();
                p = p.parent().orElseThrow()) {
            if (head(p).isPresent()) {
                throw new InvalidPathException(
                        "cannot be written below \"" + p + "\", which is a file (WRITE-007)",
                        path.toString(),
                        description);
            }
        }
        if (hasObjectsBelow(path)) {
            throw new InvalidPathException("is a folder, not a file (WRITE-006)", path.toString(), description);
        }
        if (!overwrite && head(path).isPresent()) {
            throw alreadyExists(path, null);
        }
    }

    /** Reads {@code content} in parts and stores it: one PUT if it fits in a part, else a multipart upload. */
    private void upload(RemotePath path, InputStream content, WriteOptions options) {
        PartOutput out = new PartOutput(path, options);
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n; (n = content.read(buffer)) >= 0; ) {
                out.writeBytes(buffer, 0, n);
            }
        } catch (IOException e) {
            out.discard();
            throw new RemoteStoreException(
                    "reading the content failed, nothing was stored: " + e.getMessage(),
                    path.toString(),
                    description,
                    e);
        } catch (RuntimeException e) {
            out.discard();
            throw e;
        }
        out.publishHeld();
    }

    /**
     * Content collected in a part-sized buffer; each full part goes to a multipart upload, started with the first
     * one. Publishing sends a single PUT (no upload started) or completes the upload; discarding aborts it.
     */
    private final class PartOutput extends AtomicOutput {
        private final RemotePath path;
        private final WriteOptions options;
        private byte[] part = new byte[Math.min(partSize, 64 * 1024)];
        private int filled;
        private String uploadId;
        private final List<CompletedPart> parts = new ArrayList<>();

        PartOutput(RemotePath path, WriteOptions options) {
            this.path = path;
            this.options = options;
        }

        @Override
        protected void writeBytes(byte[] b, int off, int len) {
            while (len > 0) {
                if (filled == partSize) {
                    sendPart();
                }
                if (filled == part.length) {
                    // grow towards the part size only as content arrives: small writes stay small
                    part = Arrays.copyOf(part, (int) Math.min(partSize, 2L * part.length));
                }
                int n = Math.min(len, part.length - filled);
                System.arraycopy(b, off, part, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void sendPart() {
            String key = objectKey(path);
            try {
                if (uploadId == null) {
                    CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
                            .bucket(bucket)
                            .key(key);
                    options.contentType().ifPresent(create::contentType);
                    uploadId = client.createMultipartUpload(create.build()).uploadId();
                }
                int number = parts.size() + 1;
                String etag = client.uploadPart(
                                b -> b.bucket(bucket)
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(number)
                                        .contentLength((long) filled),
                                RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                filled = 0;
            } catch (SdkException e) {
                throw map(e, path, "multipart upload");
            }
        }

        @Override
        protected void publish() {
            ensureOpen(path);
            try (PathLocks.Held held = locks.hold(path)) {
                checkTarget(path, options.overwrite());
                publishHeld();
            }
        }

        /** Publishes; the caller holds the key's lock and has checked the target. */
        void publishHeld() {
            String key = objectKey(path);
            boolean conditional = conditionalWrites && !options.overwrite();
            try {
                if (uploadId == null) {
                    PutObjectRequest.Builder put =
                            PutObjectRequest.builder().bucket(bucket).key(key).contentLength((long) filled);
                    options.contentType().ifPresent(put::contentType);
                    if (conditional) {
                        put.ifNoneMatch("*");
                    }
                    client.putObject(
                            put.build(),
                            RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled));
                } else {
                    if (filled > 0) {
                        sendPart();
                    }
                    String id = uploadId;
                    client.completeMultipartUpload(b -> {
                        b.bucket(bucket)
                                .key(key)
                                .uploadId(id)
                                .multipartUpload(CompletedMultipartUpload.builder()
                                        .parts(parts)
                                        .build());
                        if (conditional) {
                            b.ifNoneMatch("*");
                        }
                    });
                    uploadId = null;
                }
                part = null;
            } catch (AwsServiceException e) {
                if (conditional && e.statusCode() == 412 && retried(e) && landed(key)) {
                    // the SDK retried a request whose first attempt had succeeded: the object is ours
                    part = null;
                    uploadId = null;
                    return;
                }
                discard();
                if (conditional && (e.statusCode() == 412 || e.statusCode() == 409)) {
                    // 409 ConditionalRequestConflict: another conditional write of the key is under way
                    throw alreadyExists(path, e);
                }
                throw map(e, path, "PUT");
            } catch (SdkException e) {
                discard();
                throw map(e, path, "PUT");
            } catch (RuntimeException e) {
                discard();
                throw e;
            }
        }

        /**
         * Whether the object at {@code key} is what this output sent: its ETag is the MD5 of the single PUT's
         * content, or of a multipart upload's part MD5s followed by the part count.
         */
        private boolean landed(String key) {
            String expected;
            MessageDigest md5;
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                return false;
            }
            if (parts.isEmpty()) {
                md5.update(part, 0, filled);
                expected = HexFormat.of().formatHex(md5.digest());
            } else {
                for (CompletedPart p : parts) {
                    md5.update(HexFormat.of().parseHex(unquote(p.eTag())));
                }
                expected = HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
            }
            Optional<HeadObjectResponse> h = head(path);
            return h.isPresent()
                    && h.get().eTag() != null
                    && expected.equalsIgnoreCase(unquote(h.get().eTag()));
        }

        @Override
        protected void discard() {
            part = null;
            String id = uploadId;
            uploadId = null;
            if (id != null) {
                abortUpload(objectKey(path), id);
            }
        }

        @Override
        protected String describeTarget() {
            return path + " (" + description + ")";
        }
    }

    private static boolean retried(SdkException e) {
        return e.numAttempts() != null && e.numAttempts() > 1;
    }

    private static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1)
                : etag;
    }

    private void abortUpload(String key, String uploadId) {
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException ignored) {
            // The write fails anyway; a bucket lifecycle rule (AbortIncompleteMultipartUpload) is the safety net.
        }
    }

    // ---- deletes -----------------------------------------------------------------------------------------

    @Override
    public boolean delete(RemotePath path) {
        ensureOpen(path);
        if (head(path).isEmpty()) {
            if (hasObjectsBelow(path)) {
                throw new InvalidPathException(
                        "is a folder, not a file; use deleteFolder", path.toString(), description);
            }
            return false;
        }
        try {
            client.deleteObject(b -> b.bucket(bucket).key(objectKey(path)));
            return true;
        } catch (SdkException e) {
            throw map(e, path, "DELETE");
        }
    }

    /**
     * Reads the object pinned to its ETag ({@code If-Match} on GET), compares the SHA-256, and deletes with
     * {@code If-Match} on the same ETag, so a version written meanwhile (by this or another process, where the
     * server honours conditional deletes) is never deleted (DELETE-010). The key's lock makes it exclusive within
     * this backend instance in any case.
     */
    @Override
    public boolean deleteIfMatches(RemotePath path, String digest) {
        ensureOpen(path);
        try (PathLocks.Held held = locks.hold(path)) {
            Optional<HeadObjectResponse> h = head(path);
            if (h.isEmpty()) {
                if (hasObjectsBelow(path)) {
                    throw new InvalidPathException(
                            "is a folder, not a file; use deleteFolder", path.toString(), description);
                }
                return false;
            }
            String etag = h.get().eTag();
            MessageDigest md = Digests.sha256();
            try (InputStream in =
                    client.getObject(b -> b.bucket(bucket).key(objectKey(path)).ifMatch(etag))) {
                in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), md));
            } catch (AwsServiceException e) {
                if (e.statusCode() == 412 || e.statusCode() == 404) {
                    return false; // replaced or deleted meanwhile
                }
                throw map(e, path, "GET");
            } catch (SdkException e) {
                throw map(e, path, "GET");
            } catch (IOException e) {
                throw new RemoteStoreException("reading for a digest failed: " + e, path.toString(), description, e);
            }
            if (!Digests.hex(md).equals(digest)) {
                return false;
            }
            try {
                client.deleteObject(b -> b.bucket(bucket).key(objectKey(path)).ifMatch(etag));
                return true;
            } catch (AwsServiceException e) {
                if (e.statusCode() == 412 || e.statusCode() == 404) {
                    return false;
                }
                if (e.statusCode() == 501) {
                    // a server without conditional deletes: exclusive within this instance only (the lock)
                    try {
                        client.deleteObject(b -> b.bucket(bucket).key(objectKey(path)));
                        return true;
                    } catch (SdkException again) {
                        throw map(again, path, "DELETE");
                    }
                }
                throw map(e, path, "DELETE");
            } catch (SdkException e) {
                throw map(e, path, "DELETE");
            }
        }
    }

    @Override
    public void deleteFolder(RemotePath path, boolean recursive) {
        ensureOpen(path);
        if (!hasObjectsBelow(path)) {
            throw new NotFoundException("no such folder", path.toString(), description);
        }
        if (!recursive) {
            throw new FolderNotEmptyException(
                    "the folder holds files and RECURSIVE was not given", path.toString(), description);
        }
        List<ObjectIdentifier> batch = new ArrayList<>();
        try {
            for (S3Object o : client.listObjectsV2Paginator(
                            b -> b.bucket(bucket).prefix(folderPrefix(path)))
                    .contents()) {
                batch.add(ObjectIdentifier.builder().key(o.key()).build());
                if (batch.size() == DELETE_BATCH) {
                    deleteBatch(batch, path);
                }
            }
            if (!batch.isEmpty()) {
                deleteBatch(batch, path);
            }
        } catch (SdkException e) {
            throw map(e, path, "deleting the folder");
        }
    }

    private void deleteBatch(List<ObjectIdentifier> batch, RemotePath folder) {
        DeleteObjectsResponse response = client.deleteObjects(b -> b.bucket(bucket)
                .delete(Delete.builder().objects(batch).quiet(true).build()));
        batch.clear();
        if (response.hasErrors() && !response.errors().isEmpty()) {
            var first = response.errors().get(0);
            throw new RemoteStoreException(
                    response.errors().size() + " object(s) could not be deleted, first " + first.key() + ": "
                            + first.code() + " " + first.message(),
                    folder.toString(),
                    description);
        }
    }

    // ---- listing -----------------------------------------------------------------------------------------

    @Override
    public Stream<FileInfo> listFiles(RemotePath folder, boolean recursive) {
        ensureOpen(folder);
        ListObjectsV2Request.Builder request =
                ListObjectsV2Request.builder().bucket(bucket).prefix(folderPrefix(folder));
        if (!recursive) {
            request.delimiter("/");
        }
        Iterator<S3Object> objects;
        try {
            objects = client.listObjectsV2Paginator(request.build()).contents().iterator();
        } catch (SdkException e) {
            throw map(e, folder, "listing");
        }
        return Streams.untilNull(() -> {
            try {
                while (objects.hasNext()) {
                    S3Object o = objects.next();
                    RemotePath key = keyOf(o.key());
                    if (key != null) {
                        FileInfo.Builder info = FileInfo.builder(key).size(o.size());
                        if (o.lastModified() != null) {
                            info.modifiedAt(o.lastModified());
                        }
                        return info.build();
                    }
                }
                return null;
            } catch (SdkException e) {
                throw map(e, folder, "listing");
            }
        });
    }

    /**
     * The store key of an object key, or {@code null} for an object that no key names (a folder marker ending in
     * {@code /}, an empty segment, {@code ..}): such objects, made by other tools, are not listed.
     */
    private RemotePath keyOf(String objectKey) {
        if (!objectKey.startsWith(prefix)) {
            return null;
        }
        String rel = objectKey.substring(prefix.length());
        try {
            RemotePath p = RemotePath.parse(rel);
            return !p.isRoot() && p.toString().equals(rel) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    @Override
    public Stream<String> listFolders(RemotePath folder) {
        ensureOpen(folder);
        String folderPrefix = folderPrefix(folder);
        List<String> names = new ArrayList<>();
        try {
            for (CommonPrefix cp : client.listObjectsV2Paginator(
                            b -> b.bucket(bucket).prefix(folderPrefix).delimiter("/"))
                    .commonPrefixes()) {
                String name =
                        cp.prefix().substring(folderPrefix.length(), cp.prefix().length() - 1);
                if (keyOf(folderPrefix + name) != null && !name.isEmpty() && !name.contains("/")) {
                    names.add(name);
                }
            }
        } catch (SdkException e) {
            throw map(e, folder, "listing");
        }
        return names.stream();
    }

    // ---- metadata ----------------------------------------------------------------------------------------

    @Override
    public FileInfo getFileInfo(RemotePath path) {
        ensureOpen(path);
        HeadObjectResponse h = requireFile(path);
        FileInfo.Builder info = FileInfo.builder(path);
        if (h.contentLength() != null) {
            info.size(h.contentLength());
        }
        if (h.lastModified() != null) {
            info.modifiedAt(h.lastModified());
        }
        if (h.contentType() != null) {
            info.contentType(h.contentType());
        }
        if (h.eTag() != null) {
            // An ETag is an MD5 (single PUT) or a hash of part hashes, never a SHA-256: not a digest (META-005).
            info.extra("s3.etag", h.eTag());
        }
        return info.build();
    }

    @Override
    public FolderInfo getFolderInfo(RemotePath path) {
        ensureOpen(path);
        if (!path.isRoot() && !hasObjectsBelow(path)) {
            throw new NotFoundException("no such folder", path.toString(), description);
        }
        return Folders.summarize(path, listFiles(path, true));
    }

    // ---- move / copy -------------------------------------------------------------------------------------

    /** Copies, then deletes the source: not atomic (see the class comment and the plan). */
    @Override
    public void move(RemotePath source, RemotePath target, WriteOptions options) {
        if (source.equals(target)) {
            requireFile(source);
            return;
        }
        copy(source, target, options);
        delete(source);
    }

    /**
     * Copies inside the bucket. With {@code OVERWRITE} the server copies ({@code CopyObject}); without it the
     * content streams through a conditional PUT, so a concurrent creator of the target is never replaced
     * (CONC-004).
     */
    @Override
    public void copy(RemotePath source, RemotePath target, WriteOptions options) {
        ensureOpen(source);
        HeadObjectResponse src = requireFile(source);
        if (source.equals(target)) {
            return;
        }
        WriteOptions effective = options.contentType().isPresent() || src.contentType() == null
                ? options
                : new WriteOptions(options.overwrite(), Optional.of(src.contentType()), options.extra());
        try (PathLocks.Held held = locks.hold(target)) {
            checkTarget(target, options.overwrite());
            long size = src.contentLength() == null ? Long.MAX_VALUE : src.contentLength();
            if (options.overwrite() && size <= MAX_SERVER_COPY) {
                try {
                    client.copyObject(CopyObjectRequest.builder()
                            .sourceBucket(bucket)
                            .sourceKey(objectKey(source))
                            .destinationBucket(bucket)
                            .destinationKey(objectKey(target))
                            .build());
                } catch (AwsServiceException e) {
                    if (e.statusCode() == 404 && !isBucketMissing(e)) {
                        throw missingFile(source, e);
                    }
                    throw map(e, target, "COPY");
                } catch (SdkException e) {
                    throw map(e, target, "COPY");
                }
                return;
            }
            try (InputStream in = read(source)) {
                upload(target, in, effective);
            } catch (IOException e) {
                throw new RemoteStoreException("copy failed: " + e, source.toString(), description, e);
            }
        }
    }

    // ---- introspection and lifecycle ---------------------------------------------------------------------

    /** {@code kind="s3"} with {@code bucket}, {@code objectKey}, and {@code move} telling that it is not atomic. */
    @Override
    public ResolutionPlan resolve(RemotePath path) {
        ensureOpen(path);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bucket", bucket);
        details.put("objectKey", objectKey(path));
        details.put("move", "copy-then-delete (not atomic)");
        return new ResolutionPlan(NAME, description, path.toString(), details);
    }

    /** The {@link S3Client}, for what the store does not offer (tags, presigned URLs…). */
    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(client) ? Optional.of(type.cast(client)) : Optional.empty();
    }

    /** The key of {@code s3://bucket/object-key} or of a bare object key below the prefix. */
    @Override
    public RemotePath toKey(String nativePath) {
        String key = nativePath;
        String url = "s3://" + bucket + "/";
        if (key.startsWith("s3://")) {
            if (!key.startsWith(url)) {
                throw new InvalidPathException("names another bucket than " + bucket, nativePath, description);
            }
            key = key.substring(url.length());
        }
        if (!key.startsWith(prefix)) {
            throw new InvalidPathException("lies outside the prefix \"" + prefix + "\"", nativePath, description);
        }
        return RemotePath.parse(key.substring(prefix.length()));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (ownsClient) {
            client.close();
        }
    }

    private void ensureOpen(RemotePath path) {
        if (closed) {
            throw new BackendUnavailableException("the backend is closed", path.toString(), description);
        }
    }

    // ---- errors ------------------------------------------------------------------------------------------

    private AlreadyExistsException alreadyExists(RemotePath path, Throwable cause) {
        return new AlreadyExistsException(
                "the file exists and OVERWRITE was not given", path.toString(), description, cause);
    }

    private static boolean isBucketMissing(AwsServiceException e) {
        return e.awsErrorDetails() != null
                && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    /** An SDK failure as the API's exception, naming what was asked ({@code what}) of which bucket. */
    RemoteStoreException map(SdkException e, RemotePath path, String what) {
        String key = path.toString();
        if (e instanceof AwsServiceException s) {
            int status = s.statusCode();
            String code =
                    s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            String detail = what + " answered HTTP " + status + (code == null ? "" : " " + code);
            if (isBucketMissing(s)) {
                return new BackendUnavailableException(
                        "the bucket \"" + bucket + "\" does not exist (" + detail + ")", key, description, e);
            }
            if (status == 403 || status == 401) {
                return new PermissionDeniedException(
                        "access to bucket \"" + bucket + "\" denied; check the credentials and the bucket policy ("
                                + detail + ")",
                        key,
                        description,
                        e);
            }
            if (status == 404) {
                return new NotFoundException("no such file (" + detail + ")", key, description, e);
            }
            if (status == 429 || status == 503 || status >= 500 || s.isThrottlingException()) {
                return new BackendUnavailableException(
                        "the S3 service is unavailable after retries (" + detail + ")", key, description, e);
            }
            return new RemoteStoreException(detail + ": " + s.getMessage(), key, description, e);
        }
        if (e instanceof SdkClientException) {
            return new BackendUnavailableException(
                    what + " failed to reach S3: " + e.getMessage(), key, description, e);
        }
        return new RemoteStoreException(what + " failed: " + e.getMessage(), key, description, e);
    }

    @Override
    public String toString() {
        return "S3Backend[" + description + "]";
    }

    /**
     * Options of an {@link S3Backend}; {@link #build()} checks them and fails naming the option. Either a ready
     * {@link #client(S3Client)} (borrowed: closing the backend leaves it open) or region, endpoint, path style and
     * credentials from which the backend builds (and owns) its client. Not thread-safe.
     */
    public static final class Builder {
        private String bucket;
        private String prefix = "";
        private String region;
        private URI endpoint;
        private boolean pathStyle;
        private AwsCredentialsProvider credentials;
        private S3Client client;
        private int partSize = DEFAULT_PART_SIZE;
        private boolean conditionalWrites = true;

        private Builder() {}

        /** The bucket (required); it must exist. */
        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** A key prefix all keys live under, e.g. {@code "tenant-1/"}; a missing trailing {@code /} is added. */
        public Builder prefix(String prefix) {
            this.prefix = prefix == null ? "" : prefix;
            return this;
        }

        /** The region, e.g. {@code "eu-central-1"}; absent: the SDK's region chain, or {@code us-east-1} with an endpoint. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** The endpoint of an S3-compatible server, e.g. {@code http://localhost:9000}. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Path-style URLs ({@code host/bucket/key}), which most S3-compatible servers need. Default false. */
        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        /** Explicit credentials; without them the SDK's default chain (environment, profile, instance role…). */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    Objects.requireNonNull(accessKeyId, "accessKeyId"),
                    Objects.requireNonNull(secretAccessKey, "secretAccessKey")));
            return this;
        }

        /** A credentials provider of the SDK. */
        public Builder credentials(AwsCredentialsProvider provider) {
            this.credentials = provider;
            return this;
        }

        /** A ready client (borrowed); region, endpoint, path style and credentials are then the client's. */
        public Builder client(S3Client client) {
            this.client = client;
            return this;
        }

        /**
         * Bytes per part of a multipart upload, and the size up to which a write is a single PUT; at least
         * {@link #MIN_PART_SIZE} (S3's minimum). A write holds at most about two parts in memory. Default 8 MiB.
         */
        public Builder partSize(int bytes) {
            this.partSize = bytes;
            return this;
        }

        /**
         * Whether create-only writes send {@code If-None-Match: *} (default true; AWS S3 and most servers support
         * it). Turn it off only for a server that rejects the header: then a create-only write is a check followed
         * by a PUT, exclusive only within this backend instance, not between processes.
         */
        public Builder conditionalWrites(boolean conditionalWrites) {
            this.conditionalWrites = conditionalWrites;
            return this;
        }

        /**
         * The backend.
         *
         * @throws IllegalArgumentException naming the option that is missing or invalid
         */
        public S3Backend build() {
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException("bucket is required");
            }
            if (partSize < MIN_PART_SIZE) {
                throw new IllegalArgumentException(
                        "partSize " + partSize + " is below S3's minimum part size " + MIN_PART_SIZE + " (5 MiB)");
            }
            if (!prefix.isEmpty()) {
                RemotePath p;
                try {
                    p = RemotePath.parse(prefix);
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException(
                            "prefix \"" + prefix + "\" is not a valid key: " + e.getMessage());
                }
                prefix = p.isRoot() ? "" : p + "/";
            }
            if (client != null) {
                if (region != null || endpoint != null || pathStyle || credentials != null) {
                    throw new IllegalArgumentException(
                            "client(S3Client) excludes region, endpoint, pathStyle and credentials: set them on the client");
                }
                return new S3Backend(this, client, false);
            }
            if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
                throw new IllegalArgumentException("endpoint \"" + endpoint + "\" is not an absolute http(s) URL");
            }
            S3ClientBuilder b = S3Client.builder()
                    .httpClient(Apache5HttpClient.create())
                    .forcePathStyle(pathStyle)
                    .credentialsProvider(
                            credentials != null
                                    ? credentials
                                    : DefaultCredentialsProvider.builder().build());
            if (region != null) {
                b.region(Region.of(region));
            } else if (endpoint != null) {
                b.region(Region.US_EAST_1);
            }
            if (endpoint != null) {
                b.endpointOverride(endpoint);
                // S3-compatible servers differ in their support of the newer default checksums (aws-chunked
                // trailers): send and check them only where the API requires them.
                b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            }
            S3Client built;
            try {
                built = b.build();
            } catch (SdkException e) {
                throw new IllegalArgumentException("cannot build the S3 client: " + e.getMessage(), e);
            }
            return new S3Backend(this, built, true);
        }
    }
}
