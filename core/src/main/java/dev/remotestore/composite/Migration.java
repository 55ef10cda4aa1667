package dev.remotestore.composite;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.Capability;
import dev.remotestore.CapabilityNotSupportedException;
import dev.remotestore.NotFoundException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;
import dev.remotestore.Store;
import dev.remotestore.WriteOption;
import dev.remotestore.internal.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The migration of one key from one tier to another (COMP-009, COMP-011, COMP-012): copy create-only (or over the
 * target's version with OVERWRITE), hashing the bytes as they stream; check that the target holds that digest;
 * then delete the source only if it still holds it ({@link Store#deleteIfMatches}). Whatever fails or interferes,
 * the object stays readable in at least one tier and no write of another caller is deleted.
 */
final class Migration {
    private final CompositeBackend composite;
    private final RemotePath path;
    private final String key;
    private final Tier from;
    private final Tier to;
    private final boolean overwrite;

    Migration(CompositeBackend composite, RemotePath path, Tier from, Tier to, boolean overwrite) {
        this.composite = composite;
        this.path = path;
        this.key = path.toString();
        this.from = from;
        this.to = to;
        this.overwrite = overwrite;
    }

    void run() {
        composite.ensureOpen(path);
        composite.requireResolvesThrough(path, to);
        require(from, Capability.READ);
        require(from, Capability.DELETE);
        require(to, Capability.WRITE);
        Optional<String> contentType = composite.ask(
                from,
                path,
                s -> s.supports(Capability.METADATA) ? s.getFileInfo(key).contentType() : Optional.<String>empty());
        boolean targetHeld = composite.ask(to, path, s -> s.isFile(key));
        if (targetHeld && !overwrite) {
            Optional<String> held = digestIn(to);
            if (held.isPresent()) {
                String source = digestIn(from)
                        .orElseThrow(() -> new NotFoundException(
                                "tier " + from.name() + " no longer has it", key, composite.description()));
                if (!held.get().equals(source)) {
                    throw new AlreadyExistsException(
                            "tier " + to.name() + " already holds another version than tier " + from.name()
                                    + "; nothing was changed (migrate with WriteOption.OVERWRITE to replace it)",
                            key,
                            composite.description());
                }
                deleteSource(source, false); // the same content is there: only the source goes
                return;
            }
            targetHeld = false; // deleted meanwhile: create it
        }
        String copied = copy(targetHeld, contentType);
        Optional<String> held = digestIn(to);
        if (!held.equals(Optional.of(copied))) {
            // A tier that changed the bytes, or a writer that replaced the copy: either way, not removed here.
            throw new RemoteStoreException(
                    "the copy in tier " + to.name() + " does not match what was read from tier " + from.name()
                            + " (or was replaced meanwhile); the source is kept",
                    key,
                    composite.description());
        }
        deleteSource(copied, !targetHeld);
    }

    private void require(Tier t, Capability capability) {
        if (!t.store().supports(capability)) {
            throw new CapabilityNotSupportedException(
                    capability,
                    "tier " + t.name() + ": capability " + capability + " is not supported; nothing was migrated",
                    key,
                    composite.description());
        }
    }

    /**
     * Streams the source into the target, create-only unless {@code replace}; returns the SHA-256 of the bytes
     * copied: the version migrated, whatever either tier's metadata says.
     */
    private String copy(boolean replace, Optional<String> contentType) {
        List<WriteOption> options = new ArrayList<>(2);
        if (replace) {
            options.add(WriteOption.OVERWRITE);
        }
        contentType.ifPresent(ct -> options.add(WriteOption.contentType(ct)));
        WriteOption[] opts = options.toArray(new WriteOption[0]);
        MessageDigest md = Digests.sha256();
        try (InputStream in = new DigestInputStream(composite.ask(from, path, s -> s.read(key)), md)) {
            composite.ask(
                    to,
                    s -> {
                        if (s.supports(Capability.ATOMIC_WRITE)) {
                            s.writeAtomic(key, in, opts);
                        } else {
                            s.write(key, in, opts);
                        }
                        return null;
                    },
                    "nothing was migrated; the source is kept",
                    path);
            in.transferTo(OutputStream.nullOutputStream()); // a tier that stopped early stored less than this digest
        } catch (IOException e) {
            throw new RemoteStoreException(
                    "tier " + from.name() + ": reading the source failed: " + e + "; the source is kept",
                    key,
                    composite.description(),
                    e);
        }
        return Digests.hex(md);
    }

    /** The digest of what tier {@code t} holds (reported, else read and hashed); empty if it holds nothing. */
    private Optional<String> digestIn(Tier t) {
        try {
            return composite.ask(t, path, s -> {
                if (s.supports(Capability.METADATA)) {
                    Optional<String> reported = s.getFileInfo(key).digest();
                    if (reported.isPresent()) {
                        return reported;
                    }
                }
                MessageDigest md = Digests.sha256();
                try (InputStream in = s.read(key);
                        OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
                    in.transferTo(sink);
                } catch (IOException e) {
                    throw new RemoteStoreException("reading for a digest failed: " + e, key, null, e);
                }
                return Optional.of(Digests.hex(md));
            });
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes the source if it still holds {@code digest}. If it does not (another caller wrote or deleted it),
     * it is kept, the copy is removed if this migration {@code created} it and it is still that copy, and the
     * migration fails.
     */
    private void deleteSource(String digest, boolean created) {
        boolean deleted = composite.ask(
                from,
                s -> s.deleteIfMatches(key, digest),
                "the source is kept, tier " + to.name() + " has a verified copy",
                path);
        if (deleted) {
            return;
        }
        String copyFate;
        RemoteStoreException cleanupFailure = null;
        if (!created) {
            copyFate = overwrite
                    ? ", but WriteOption.OVERWRITE had replaced the version in tier " + to.name() + " with the copy"
                    : "; tier " + to.name() + " keeps the same content it held";
        } else {
            try {
                copyFate = composite.ask(to, path, s -> s.deleteIfMatches(key, digest))
                        ? ": the copy made in tier " + to.name() + " was removed"
                        : "; the copy in tier " + to.name() + " was replaced meanwhile by another writer and is kept";
            } catch (RemoteStoreException e) {
                cleanupFailure = e;
                copyFate = "; the copy made in tier " + to.name() + " could not be removed and remains";
            }
        }
        RemoteStoreException e = new RemoteStoreException(
                "the source in tier " + from.name() + " changed during migration and is kept; nothing was migrated"
                        + copyFate,
                key,
                composite.description());
        if (cleanupFailure != null) {
            e.addSuppressed(cleanupFailure);
        }
        throw e;
    }
}
