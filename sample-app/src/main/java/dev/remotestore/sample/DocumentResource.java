package dev.remotestore.sample;

import dev.remotestore.FileInfo;
import dev.remotestore.ResolutionPlan;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The documents' REST API: upload, list, download (with ranges), plan, migrate, delete, and the lifecycle job. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {
    @Inject
    Documents documents;

    @ConfigProperty(name = "sample.max-upload-size", defaultValue = "16M")
    MemorySize maxUploadSize;

    /**
     * Uploads a document: the body is the file's bytes, streamed into the store; {@code Content-Type} is the file's
     * type. Answers 201 with the document.
     */
    @POST
    @Path("/documents")
    @Consumes(MediaType.WILDCARD)
    public Response upload(
            @QueryParam("title") String title,
            @QueryParam("filename") String fileName,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            InputStream body) {
        String name = Uploads.fileName(fileName);
        String shownTitle = Uploads.title(title, name);
        String type = Uploads.contentType(contentType);
        long limit = maxUploadSize.asLongValue();
        if (contentLength != null && contentLength > limit) {
            throw new ApiException(
                    413,
                    "the upload of \"" + name + "\" has " + contentLength + " bytes, over the limit of " + limit
                            + " bytes (sample.max-upload-size): nothing was stored");
        }
        if (contentLength != null && contentLength == 0) {
            throw new ApiException(400, "the upload of \"" + name + "\" is empty: nothing was stored");
        }
        Document d = documents.upload(shownTitle, name, type, body, limit);
        return Response.created(URI.create("/api/documents/" + d.getId()))
                .entity(DocumentView.of(d, Documents.HOT))
                .build();
    }

    @GET
    @Path("/documents")
    public List<DocumentView> list() {
        return documents.list().stream()
                .map(d -> DocumentView.of(d, documents.tier(d).orElse(null)))
                .toList();
    }

    @GET
    @Path("/documents/{id}")
    public DocumentView get(@PathParam("id") String id) {
        Document d = documents.get(id);
        return DocumentView.of(d, documents.tier(d).orElse(null));
    }

    /**
     * The content, streamed from the tier that holds it, with its type, length and a download name; a single
     * {@code Range} (bytes=first-last, first-, -suffix) is served as 206 through the store's ranged read.
     */
    @GET
    @Path("/documents/{id}/content")
    @Produces(MediaType.WILDCARD)
    public Response content(@PathParam("id") String id, @HeaderParam("Range") String rangeHeader) {
        Document d = documents.get(id);
        FileInfo info = documents.info(d);
        long size = info.size().orElse(-1);
        ByteRange range = size < 0 ? null : ByteRange.parse(rangeHeader, size);
        Response.ResponseBuilder r;
        if (range == null) {
            r = Response.ok(documents.read(d));
            if (size >= 0) {
                r.header(HttpHeaders.CONTENT_LENGTH, size);
            }
        } else {
            r = Response.status(206)
                    .entity(documents.read(d, range.first(), range.length()))
                    .header(HttpHeaders.CONTENT_LENGTH, range.length())
                    .header("Content-Range", range.contentRange(size));
        }
        return r.type(d.getContentType())
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", Uploads.attachment(d.getFileName()))
                .build();
    }

    /** How the composite store resolves the document's key, without reading the content. */
    @GET
    @Path("/documents/{id}/plan")
    public ResolutionPlan plan(@PathParam("id") String id) {
        return documents.plan(documents.get(id));
    }

    /** Moves the document's content to the tier {@code to} ({@code hot} or {@code warm}). */
    @POST
    @Path("/documents/{id}/migrate")
    public DocumentView migrate(@PathParam("id") String id, @QueryParam("to") String to) {
        Document d = documents.migrate(documents.get(id), to == null ? Documents.WARM : to);
        return DocumentView.of(d, documents.tier(d).orElse(null));
    }

    /** Deletes the document, and its content once the deletion committed. */
    @DELETE
    @Path("/documents/{id}")
    public Response delete(@PathParam("id") String id) {
        documents.delete(id);
        return Response.noContent().build();
    }

    /** Runs the lifecycle job now: hot content older than {@code olderThan} (ISO-8601, default PT0S) goes warm. */
    @POST
    @Path("/lifecycle")
    public Map<String, List<String>> lifecycle(@QueryParam("olderThan") String olderThan) {
        Duration age;
        try {
            age = olderThan == null ? Duration.ZERO : Duration.parse(olderThan);
        } catch (DateTimeParseException e) {
            throw new ApiException(
                    400, "olderThan \"" + olderThan + "\" is no ISO-8601 duration (e.g. PT0S, PT1H, P7D)");
        }
        if (age.isNegative()) {
            throw new ApiException(400, "olderThan \"" + olderThan + "\" is negative");
        }
        return Map.of("moved", documents.moveToWarm(age));
    }
}
