package dev.remotestore;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;

/** An immutable set of {@link Capability capabilities}. */
public final class CapabilitySet implements Iterable<Capability> {
    private static final CapabilitySet ALL = new CapabilitySet(EnumSet.allOf(Capability.class));
    private static final CapabilitySet NONE = new CapabilitySet(EnumSet.noneOf(Capability.class));

    private final Set<Capability> capabilities;

    private CapabilitySet(EnumSet<Capability> capabilities) {
        this.capabilities = Collections.unmodifiableSet(capabilities);
    }

    /** A set of the given capabilities. */
    public static CapabilitySet of(Capability... capabilities) {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        Collections.addAll(set, capabilities);
        return new CapabilitySet(set);
    }

    /** A set of the given capabilities. */
    public static CapabilitySet of(Collection<Capability> capabilities) {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        set.addAll(capabilities);
        return new CapabilitySet(set);
    }

    /** Every capability. */
    public static CapabilitySet all() {
        return ALL;
    }

    /** No capability. */
    public static CapabilitySet none() {
        return NONE;
    }

    /** Whether {@code capability} is in this set. */
    public boolean contains(Capability capability) {
        return capabilities.contains(capability);
    }

    /**
     * Throws unless {@code capability} is in this set.
     *
     * @throws CapabilityNotSupportedException naming the capability, the path and the backend
     */
    public void require(Capability capability, String path, String backend) {
        if (!contains(capability)) {
            throw new CapabilityNotSupportedException(capability, path, backend);
        }
    }

    /** The capabilities in this set or in {@code other}. */
    public CapabilitySet union(CapabilitySet other) {
        EnumSet<Capability> set = copy();
        set.addAll(other.capabilities);
        return new CapabilitySet(set);
    }

    /** The capabilities in both this set and {@code other}. */
    public CapabilitySet intersect(CapabilitySet other) {
        EnumSet<Capability> set = copy();
        set.retainAll(other.capabilities);
        return new CapabilitySet(set);
    }

    /** This set without the given capabilities. */
    public CapabilitySet without(Capability... removed) {
        EnumSet<Capability> set = copy();
        for (Capability c : removed) {
            set.remove(c);
        }
        return new CapabilitySet(set);
    }

    /** An unmodifiable view as a {@link Set}. */
    public Set<Capability> asSet() {
        return capabilities;
    }

    private EnumSet<Capability> copy() {
        return capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
    }

    @Override
    public Iterator<Capability> iterator() {
        return capabilities.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapabilitySet && ((CapabilitySet) o).capabilities.equals(capabilities);
    }

    @Override
    public int hashCode() {
        return capabilities.hashCode();
    }

    @Override
    public String toString() {
        return capabilities.toString();
    }
}
