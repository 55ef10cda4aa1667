package dev.remotestore;

/**
 * An operation needs a {@link Capability} that the store's backend does not offer. Thrown before the
 * backend is touched.
 */
public class CapabilityNotSupportedException extends RemoteStoreException {
    private static final long serialVersionUID = 1L;

    private final Capability capability;

    /**
     * @param capability the missing capability
     * @param path the path of the refused operation, or {@code null}
     * @param backend a description of the backend, or {@code null}
     */
    public CapabilityNotSupportedException(Capability capability, String path, String backend) {
        this(capability, "capability " + capability + " is not supported", path, backend);
    }

    /** With a reason of its own, e.g. for {@link Store#unwrap(Class)} of an unknown type. */
    public CapabilityNotSupportedException(Capability capability, String reason, String path, String backend) {
        super(reason, path, backend);
        this.capability = capability;
    }

    /** The capability that is missing, or {@code null} when the refusal is not about one (e.g. unwrap). */
    public Capability capability() {
        return capability;
    }
}
