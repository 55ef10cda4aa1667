package dev.remotestore.quarkus.deployment.orm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;

/** Three sales over two years, written through the persistence unit. */
@ApplicationScoped
public class Sales {
    @Inject
    EntityManager em;

    /** Replaces every sale with the three of the fixture. */
    @Transactional
    public void reset() {
        em.createQuery("DELETE FROM Sale").executeUpdate();
        em.persist(new Sale(1, LocalDate.of(2023, 12, 31), "5.00"));
        em.persist(new Sale(2, LocalDate.of(2024, 1, 1), "10.50"));
        em.persist(new Sale(3, LocalDate.of(2024, 1, 2), "20.00"));
    }
}
