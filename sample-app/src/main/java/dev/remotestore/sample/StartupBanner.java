package dev.remotestore.sample;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Says where to point a browser once the application runs. */
public class StartupBanner {
    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    void started(
            @Observes StartupEvent event,
            @ConfigProperty(name = "quarkus.http.port") int port,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url) {
        if (LaunchMode.current() == LaunchMode.TEST) {
            return;
        }
        LOG.infof(
                "remote-store sample app is ready: open http://localhost:%d/ in a browser (database %s)",
                port, url.replaceAll("(?i)(password=)[^;&]*", "$1***"));
    }
}
