package dev.remotestore.config;

import java.util.List;
import java.util.Objects;

/**
 * The store configuration is wrong: every problem found, each naming the property by its full name (with the
 * prefix given to {@link StoreFactory.Builder#prefix(String)}) and the rule it breaks. An
 * {@link IllegalArgumentException}, like the builders' own validation errors.
 */
public final class StoreConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** One wrong property: its full name as written (or as it should be written, when missing) and the rule. */
    public record Problem(String property, String message) {
        /** A problem; both parts are required. */
        public Problem {
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return property + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    StoreConfigurationException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(List<Problem> problems) {
        StringBuilder b = new StringBuilder("the store configuration has ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (Problem p : problems) {
            b.append("\n  ").append(p);
        }
        return b.toString();
    }

    /**
     * The problems: those of the layout (names that cannot be parsed) first, then store by store (the default
     * store first, then by name), each store's by property name.
     */
    public List<Problem> problems() {
        return problems;
    }
}
