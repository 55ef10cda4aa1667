package dev.remotestore.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The module ships a Jandex index, from which Quarkus discovers (and enhances) the entity and the converter. */
class JandexIndexTest {
    @Test
    @DisplayName("META-INF/jandex.idx of the module indexes StoredObject as an entity and the auto-applied converter")
    void indexListsEntityAndConverter() throws Exception {
        URL url = StoredObject.class.getClassLoader().getResource("META-INF/jandex.idx");
        assertThat(url).as("META-INF/jandex.idx on the class path").isNotNull();
        assertThat(url.toString()).doesNotContain("test-classes");
        Index index;
        try (InputStream in = url.openStream()) {
            index = new IndexReader(in).read();
        }
        assertThat(index.getAnnotations(DotName.createSimple("jakarta.persistence.Entity")))
                .extracting(a -> a.target().asClass().name().toString())
                .containsExactly(StoredObject.class.getName());
        assertThat(index.getAnnotations(DotName.createSimple("jakarta.persistence.Converter")))
                .extracting(a -> a.target().asClass().name().toString())
                .containsExactly(StoreKeyConverter.class.getName());
    }
}
