package dev.remotestore.quarkus.deployment.misconfigured;

import io.quarkus.test.QuarkusUnitTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A local root that is a file fails the startup, naming the property. */
class BadRootTest {
    static final Path FILE = Path.of("target/quarkus-tests/bad-root/a-file");

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .setBeforeAllCustomizer(() -> {
                try {
                    Files.createDirectories(FILE.getParent());
                    Files.writeString(FILE, "not a directory");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })
            .overrideConfigKey("quarkus.remote-store.\"files\".type", "local")
            .overrideConfigKey("quarkus.remote-store.\"files\".root", FILE.toString())
            .assertException(Failure.with(
                    Failure.STORE_CONFIGURATION,
                    "quarkus.remote-store.\"files\".root: is not a directory: " + FILE.toAbsolutePath()));

    @Test
    void failsAtStartup() {
        // the assertion is in assertException
    }
}
