package dev.remotestore.sample;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Moves content older than {@code sample.lifecycle.age} from the hot tier to the warm one, on a schedule. */
@ApplicationScoped
public class LifecycleJob {
    private static final Logger LOG = Logger.getLogger(LifecycleJob.class);

    @Inject
    Documents documents;

    @ConfigProperty(name = "sample.lifecycle.age", defaultValue = "P1D")
    Duration age;

    @Scheduled(
            identity = "lifecycle",
            every = "${sample.lifecycle.every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        List<String> moved = documents.moveToWarm(age);
        if (!moved.isEmpty()) {
            LOG.infof("lifecycle: moved %d document(s) older than %s to the warm tier", moved.size(), age);
        }
    }
}
