package dev.remotestore.quarkus.deployment.orm.units.clash;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.Table;

/** An entity of a unit that defines a key that the unit "orders" defines too. */
@Entity
@Table(name = "parcel")
@NamedNativeQuery(name = "orders/all.csv", query = "SELECT id FROM parcel ORDER BY id")
public class Parcel {
    @Id
    public Long id;
}
