package dev.remotestore.quarkus.deployment.orm;

import dev.remotestore.jpa.StoreKey;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An application's entity that holds a key of a store: {@code StoreKey} through the auto-applied converter. */
@Entity
public class Invoice {
    @Id
    public Long id;

    public StoreKey pdf;

    protected Invoice() {}

    public Invoice(long id, StoreKey pdf) {
        this.id = id;
        this.pdf = pdf;
    }
}
