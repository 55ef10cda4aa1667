package dev.remotestore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.Store;
import dev.remotestore.composite.CompositeStore;
import dev.remotestore.composite.Tier;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The complete {@code application.properties} of {@code docs/quarkus.md}, as pasted, starts in the test profile. */
class DocumentedConfigurationTest {
    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(new StringAsset(documented()), "application.properties"));

    /** The first {@code properties} block of docs/quarkus.md. */
    static String documented() {
        try {
            String doc = Files.readString(Path.of("../../docs/quarkus.md"));
            int start = doc.indexOf("```properties\n") + "```properties\n".length();
            return doc.substring(start, doc.indexOf("```", start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Inject
    CompositeStore store;

    @Inject
    @Identifier("hot")
    Store hot;

    @Inject
    @Identifier("reports")
    Store reports;

    @Inject
    @Identifier("scratch")
    Store scratch;

    @Test
    void everyDocumentedStoreIsThere() {
        assertThat(store.tiers()).extracting(Tier::name).containsExactly("hot", "archive");
        store.write("invoices/1.pdf", new byte[] {1});
        assertThat(hot.readBytes("invoices/1.pdf")).containsExactly(1);
        assertThat(hot.resolve("invoices/1.pdf").details()).containsEntry("table", "app_objects");
        assertThat(reports.resolve("sales/2024.csv").details()).containsEntry("source", "explicit");
        assertThat(scratch.exists("x")).isFalse();
    }
}
