package dev.remotestore.quarkus.deployment.orm.units.refunds;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.Table;

/** An entity of the persistence unit "refunds", on the same datasource as "orders". */
@Entity
@Table(name = "refund")
@NamedNativeQuery(name = "refunds/all.csv", query = "SELECT id FROM refund ORDER BY id")
public class Refund {
    @Id
    public Long id;
}
