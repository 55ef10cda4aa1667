package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotestore.InvalidPathException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The builders' validate(): build()'s checks without connecting, for configuration that is checked early. */
class BuilderValidationTest {
    /** A server that is not there: validate() must not notice, build() would. */
    private static final String DOWN = "jdbc:postgresql://127.0.0.1:1/nothing";

    @Test
    @DisplayName("SqlBlobBackend.Builder.validate() checks the options without connecting")
    void blobValidateDoesNotConnect() {
        assertThatCode(() -> SqlBlobBackend.builder().url(DOWN).table("objects").validate())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SqlBlobBackend.builder().url(DOWN).table("a b").validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a b");
        assertThatThrownBy(
                        () -> SqlBlobBackend.builder().url(DOWN).maxBlobSize(0).validate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maxBlobSize");
        assertThatThrownBy(() -> SqlBlobBackend.builder().validate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SqlBlobBackend needs exactly one of url(…) and dataSource(…)");
    }

    @Test
    @DisplayName("SqlQueryBackend.Builder.validate() checks every mapping without connecting")
    void queryValidateDoesNotConnect() {
        assertThatCode(() -> SqlQueryBackend.builder()
                        .url(DOWN)
                        .query("sales/{year:int}.csv", "SELECT * FROM sales WHERE yr = :year")
                        .validate())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SqlQueryBackend.builder()
                        .url(DOWN)
                        .query("sales/{year:int}.csv", "SELECT * FROM sales WHERE yr = :yr")
                        .validate())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(":yr");
        assertThatThrownBy(() -> SqlQueryBackend.builder()
                        .url(DOWN)
                        .query("a/../b.csv", "SELECT 1")
                        .validate())
                .isInstanceOf(InvalidPathException.class);
    }
}
