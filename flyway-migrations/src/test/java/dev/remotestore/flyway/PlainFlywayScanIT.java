package dev.remotestore.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link PlainFlywayScanTest} again after {@code package}, run by failsafe: the module is on the class path as the
 * jar that applications get, so Flyway scans the jar.
 */
class PlainFlywayScanIT extends PlainFlywayScanTest {
    @Test
    @DisplayName("the module is on this class path as its built jar")
    void moduleIsTheBuiltJar() {
        assertThat(moduleLocation().getPath()).matches(".*/remote-store-flyway-[^/]+\\.jar");
    }
}
