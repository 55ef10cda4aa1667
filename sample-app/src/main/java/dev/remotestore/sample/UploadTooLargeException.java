package dev.remotestore.sample;

import java.io.IOException;

/** The upload's body exceeded the limit; the store that read it wraps this in its own exception. */
final class UploadTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    UploadTooLargeException(long limit) {
        super("the upload exceeds the limit of " + limit + " bytes (sample.max-upload-size): nothing was stored");
    }
}
