package dev.remotestore.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/sample-app.md shows the application's configuration "in full": it must be the one the app runs with. */
class DocumentedConfigurationTest {
    @Test
    @DisplayName("the properties block of docs/sample-app.md is application.properties without comments and tests'")
    void docsShowTheRealConfiguration() throws IOException {
        String doc = Files.readString(Path.of("../docs/sample-app.md"));
        int start = doc.indexOf("```properties\n") + "```properties\n".length();
        List<String> documented = settings(doc.substring(start, doc.indexOf("```", start)));
        List<String> real = settings(Files.readString(Path.of("src/main/resources/application.properties")));
        assertThat(documented).isEqualTo(real);
    }

    private static List<String> settings(String properties) {
        return properties
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("%test."))
                .toList();
    }
}
