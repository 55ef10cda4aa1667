package dev.remotestore.sample;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.InvalidPathException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.RemoteStoreException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error answer is JSON, {@code {"status":404,"error":"Not Found","message":"…"}}, whose message names the
 * input and the rule: the application's own refusals, the store's exceptions by kind, and the HTTP layer's (an
 * unknown route, a wrong method).
 */
public class ApiErrors {
    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    /** The body of an error answer. */
    public record ApiError(int status, String error, String message) {}

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        return answer(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response store(RemoteStoreException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UploadTooLargeException tooLarge) {
                return answer(413, tooLarge.getMessage());
            }
        }
        if (e instanceof NotFoundException) {
            return answer(404, e.getMessage());
        }
        if (e instanceof InvalidPathException) {
            return answer(400, e.getMessage());
        }
        if (e instanceof AlreadyExistsException) {
            return answer(409, e.getMessage());
        }
        if (e instanceof PermissionDeniedException) {
            return answer(403, e.getMessage());
        }
        if (e instanceof BackendUnavailableException) {
            return answer(503, e.getMessage());
        }
        LOG.error("store operation failed", e);
        return answer(500, e.getMessage());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        Response r = e.getResponse();
        String message = e.getMessage() == null || e.getMessage().isBlank()
                ? r.getStatusInfo().getReasonPhrase()
                : e.getMessage();
        return answer(r.getStatus(), message);
    }

    static Response answer(int status, String message) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String error = type == null ? "Error" : type.getReasonPhrase();
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status, error, message))
                .build();
    }
}
