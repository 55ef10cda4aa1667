package dev.remotestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The BOM promises the versions the tests run with: every library it manages is on this class path, as given. */
class BomVersionsTest {
    @Test
    @DisplayName("every library version in remote-store-bom is the version these tests run with")
    void bomVersionsAreTheTestedOnes() throws Exception {
        Document bom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("..", "bom", "pom.xml").toFile());
        Set<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).getFileName().toString())
                .collect(Collectors.toSet());
        NodeList dependencies = bom.getElementsByTagName("dependency");
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            String group = text(d, "groupId");
            if (group.equals("dev.remotestore")) {
                continue; // the project's own modules: ${project.version}
            }
            String jar = text(d, "artifactId") + "-" + text(d, "version") + ".jar";
            assertThat(jars)
                    .as("%s:%s in the BOM", group, text(d, "artifactId"))
                    .contains(jar);
            checked.add(jar);
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(13);
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }
}
