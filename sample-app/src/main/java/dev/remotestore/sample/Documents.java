package dev.remotestore.sample;

import dev.remotestore.FileInfo;
import dev.remotestore.ResolutionPlan;
import dev.remotestore.WriteOption;
import dev.remotestore.composite.CompositeStore;
import dev.remotestore.jpa.EntityContent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The documents and their content, which lives in the default store: a composite of a {@code hot} blob table in
 * the application's database and a {@code warm} directory.
 *
 * <p>Uploads run in one JTA transaction: the hot tier is a blob table on the application's datasource, so the
 * content row and the document row commit together, or neither does. Deleting a document deletes its content only
 * once the deletion committed ({@link EntityContent#deleteAfterCommit}), from whichever tier holds it.
 */
@ApplicationScoped
public class Documents {
    static final String HOT = "hot";
    static final String WARM = "warm";

    @Inject
    CompositeStore store;

    @Inject
    EntityManager em;

    /** Per tier: a composite deletes from its write tier only (COMP-003), and content may be in either. */
    private List<EntityContent> tiers;

    @PostConstruct
    void init() {
        tiers = List.of(EntityContent.of(store.tier(HOT)), EntityContent.of(store.tier(WARM)));
    }

    /**
     * Stores {@code body} as a new document's content, streamed (never held in memory whole), and the document
     * that points to it.
     *
     * @throws UploadTooLargeException (as the cause of the store's exception) when the body exceeds the limit
     */
    @Transactional
    public Document upload(String title, String fileName, String contentType, InputStream body, long limit) {
        Document document = new Document(title, fileName, contentType);
        LimitedInputStream counted = new LimitedInputStream(body, limit);
        store.write(document.getContent().value(), counted, WriteOption.contentType(contentType));
        if (counted.count() == 0) {
            throw new ApiException(400, "the upload of \"" + fileName + "\" is empty: nothing was stored");
        }
        document.setSize(counted.count());
        em.persist(document);
        return document;
    }

    /** All documents, newest first. */
    public List<Document> list() {
        return em.createQuery("SELECT d FROM Document d ORDER BY d.uploadedAt DESC, d.id", Document.class)
                .getResultList();
    }

    /**
     * The document {@code id}.
     *
     * @throws ApiException 404 when there is none
     */
    public Document get(String id) {
        Document document = id == null || id.length() > 36 ? null : em.find(Document.class, id);
        if (document == null) {
            throw new ApiException(404, "no document has the id \"" + id + "\"");
        }
        return document;
    }

    /** The tier that holds the document's content now ({@code hot}, {@code warm}), empty when none does. */
    public Optional<String> tier(Document document) {
        ResolutionPlan plan = plan(document);
        return Boolean.TRUE.equals(plan.details().get("found"))
                ? Optional.of(String.valueOf(plan.details().get("resolvedTier")))
                : Optional.empty();
    }

    /** How the store resolves the document's key, without reading it. */
    public ResolutionPlan plan(Document document) {
        return store.resolve(document.getContent().value());
    }

    /** What the store knows of the content: its size, and more where the tier keeps it. */
    public FileInfo info(Document document) {
        return store.getFileInfo(document.getContent().value());
    }

    /** The content, streamed from the tier that holds it; the caller closes it. */
    public InputStream read(Document document) {
        return store.read(document.getContent().value());
    }

    /** {@code length} bytes of the content from {@code offset}; the caller closes it. */
    public InputStream read(Document document, long offset, long length) {
        return store.readRange(document.getContent().value(), offset, length);
    }

    /**
     * Moves the document's content to {@code to} ({@code hot} or {@code warm}): copied, verified, then deleted from
     * the tier that held it.
     *
     * @throws ApiException 400 for an unknown tier, 409 when it is there already, 404 when no tier has it
     */
    public Document migrate(Document document, String to) {
        if (!HOT.equals(to) && !WARM.equals(to)) {
            throw new ApiException(400, "tier \"" + to + "\" is unknown: use hot or warm");
        }
        String from = tier(document)
                .orElseThrow(() ->
                        new ApiException(404, "the content of document \"" + document.getId() + "\" is in no tier"));
        if (from.equals(to)) {
            throw new ApiException(409, "document \"" + document.getId() + "\" is in the " + to + " tier already");
        }
        store.migrate(document.getContent().value(), from, to);
        return document;
    }

    /**
     * The lifecycle job: moves the content written to the hot tier more than {@code age} ago to the warm tier.
     *
     * @return the ids of the documents moved
     */
    public List<String> moveToWarm(Duration age) {
        Instant cutoff = Instant.now().minus(age);
        return store
                .migrate(
                        HOT,
                        WARM,
                        f -> f.path().startsWith("documents/")
                                && f.modifiedAt().map(t -> !t.isAfter(cutoff)).orElse(false))
                .stream()
                .map(key -> key.substring("documents/".length()))
                .toList();
    }

    /** Deletes the document now and its content once the deletion committed; a rollback keeps both. */
    @Transactional
    public void delete(String id) {
        Document document = get(id);
        em.remove(document);
        for (EntityContent tier : tiers) {
            tier.deleteAfterCommit(em, document.getContent()); // a tier that lacks the key has nothing to delete
        }
    }
}
