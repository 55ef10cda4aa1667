package dev.remotestore.quarkus.deployment.orm.units.orders;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.Table;

/** An entity of the persistence unit "orders". */
@Entity
@Table(name = "shop_order")
@NamedNativeQuery(name = "orders/all.csv", query = "SELECT id FROM shop_order ORDER BY id")
public class Order {
    @Id
    public Long id;
}
