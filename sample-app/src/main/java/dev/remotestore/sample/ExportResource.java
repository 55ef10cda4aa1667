package dev.remotestore.sample;

import dev.remotestore.FileInfo;
import dev.remotestore.ListOption;
import dev.remotestore.Store;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Stream;

/**
 * The named native queries of {@link Document} served as files: {@code /exports/documents_per_month.parquet} runs
 * its query when it is read and streams the result in the format its extension names.
 */
@Path("/exports")
public class ExportResource {
    @Inject
    @Identifier("exports")
    Store exports;

    /** An export: its key, format and where to download it. */
    public record Export(String key, String format, String contentType, String url) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Export> list() {
        try (Stream<FileInfo> files = exports.listFiles("", ListOption.RECURSIVE)) {
            return files.map(f -> new Export(
                            f.path(),
                            f.path().substring(f.path().lastIndexOf('.') + 1),
                            f.contentType().orElse(MediaType.APPLICATION_OCTET_STREAM),
                            "/exports/" + f.path()))
                    .toList();
        }
    }

    /** The export {@code key}: the query runs now, its result is streamed. */
    @GET
    @Path("/{key: .+}")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("key") String key) {
        FileInfo info = exports.getFileInfo(key); // 404 / 400 before the query runs
        String name = info.path().substring(info.path().lastIndexOf('/') + 1);
        return Response.ok(exports.read(key))
                .type(info.contentType().orElse(MediaType.APPLICATION_OCTET_STREAM))
                .header("Content-Disposition", Uploads.attachment(name))
                .build();
    }
}
