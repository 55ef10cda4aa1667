package dev.remotestore.sample;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A document as the API shows it: its row, and the tier that holds its content now ({@code null} when no tier
 * does).
 */
public record DocumentView(
        String id,
        String title,
        String fileName,
        String contentType,
        long size,
        Instant uploadedAt,
        String key,
        String tier) {
    static DocumentView of(Document d, String tier) {
        return new DocumentView(
                d.getId(),
                d.getTitle(),
                d.getFileName(),
                d.getContentType(),
                d.getSize(),
                d.getUploadedAt().toInstant(ZoneOffset.UTC),
                d.getContent().value(),
                tier);
    }
}
