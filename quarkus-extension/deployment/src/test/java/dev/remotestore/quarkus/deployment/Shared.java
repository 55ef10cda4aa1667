package dev.remotestore.quarkus.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Hands objects from inside a QuarkusUnitTest application (its own class loader) to the test's listeners that run
 * after it stopped, through the system properties; they are used by reflection, as their classes differ.
 */
final class Shared {
    private Shared() {}

    /** Deletes a directory and everything in it, if it exists. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void keep(String key, Object value) {
        System.getProperties().put(Shared.class.getName() + "." + key, value);
    }

    /**
     * Calls {@code method(argument)} on the kept object: the class name of the exception it throws, or
     * {@code "none"}.
     */
    static String failureOf(String key, String method, String argument) {
        Object kept = System.getProperties().remove(Shared.class.getName() + "." + key);
        if (kept == null) {
            throw new AssertionError("nothing was kept under " + key);
        }
        try {
            kept.getClass().getMethod(method, String.class).invoke(kept, argument);
            return "none";
        } catch (InvocationTargetException e) {
            return e.getCause().getClass().getName();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
