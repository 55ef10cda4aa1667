package dev.remotestore.composite;

import dev.remotestore.AlreadyExistsException;
import dev.remotestore.BackendUnavailableException;
import dev.remotestore.CapabilityNotSupportedException;
import dev.remotestore.FolderNotEmptyException;
import dev.remotestore.InvalidPathException;
import dev.remotestore.NotFoundException;
import dev.remotestore.PermissionDeniedException;
import dev.remotestore.RemotePath;
import dev.remotestore.RemoteStoreException;

/**
 * Turns a tier's exception into the composite's (COMP-015): the same type, {@code backend()} the composite,
 * {@code path()} the key the composite was asked for (a tier may be scoped to a root of its own, so its path
 * differs), and a message that starts with the tier's name and keeps the tier's reason and backend.
 */
final class TierFailures {
    private TierFailures() {}

    /**
     * The composite's version of {@code e}, which tier {@code tier} threw for {@code key}; {@code context}, if not
     * null, says what that means for the operation (e.g. what was kept).
     */
    static RemoteStoreException relabel(
            RemoteStoreException e, Tier tier, String key, String composite, String context) {
        String reason = describe(tier, e) + (context == null ? "" : "; " + context);
        if (e instanceof NotFoundException) {
            return new NotFoundException(reason, key, composite, e);
        }
        if (e instanceof AlreadyExistsException) {
            return new AlreadyExistsException(reason, key, composite, e);
        }
        if (e instanceof InvalidPathException) {
            return new InvalidPathException(reason, key, composite, e);
        }
        if (e instanceof FolderNotEmptyException) {
            return new FolderNotEmptyException(reason, key, composite, e);
        }
        if (e instanceof PermissionDeniedException) {
            return new PermissionDeniedException(reason, key, composite, e);
        }
        if (e instanceof BackendUnavailableException) {
            return new BackendUnavailableException(reason, key, composite, e);
        }
        if (e instanceof CapabilityNotSupportedException c) {
            CapabilityNotSupportedException r =
                    new CapabilityNotSupportedException(c.capability(), reason, key, composite);
            r.addSuppressed(e); // it has no cause constructor; the tier's trace stays reachable
            return r;
        }
        if (e.getClass() == RemoteStoreException.class) {
            return new RemoteStoreException(reason, key, composite, e);
        }
        // A type this package does not know (a tier that is itself a composite, a user's own subclass): its type
        // is worth more to a caller than the relabelling.
        return e;
    }

    /** {@code tier hot: <the tier's reason> [<the tier's backend>]}. */
    static String describe(Tier tier, RemoteStoreException e) {
        return "tier " + tier.name() + ": " + e.reason() + (e.backend() == null ? "" : " [" + e.backend() + "]");
    }

    /**
     * Which of {@code keys} (in the composite) a tier's exception is about: the one the tier's path ends with (a
     * tier may add a root of its own), the longest if several do; the first if none does.
     */
    static String keyOf(RemoteStoreException e, RemotePath... keys) {
        String best = keys[0].toString();
        int bestLength = -1;
        String tierPath = e.path();
        if (tierPath != null) {
            for (RemotePath k : keys) {
                String s = k.toString();
                if ((tierPath.equals(s) || tierPath.endsWith("/" + s)) && s.length() > bestLength) {
                    best = s;
                    bestLength = s.length();
                }
            }
        }
        return best;
    }
}
