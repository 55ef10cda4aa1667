package dev.remotestore.quarkus.deployment.orm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/** An application's entity whose named native queries are files: a key with a parameter, in two formats. */
@Entity
@Table(name = "sale")
@NamedNativeQuery(
        name = "reports/by_year/{year:int}.csv",
        query = "SELECT id, sold_on, amount FROM sale WHERE EXTRACT(YEAR FROM sold_on) = :year ORDER BY id")
@NamedNativeQuery(
        name = "reports/by_year/{year:int}.parquet",
        query = "SELECT id, sold_on, amount FROM sale WHERE EXTRACT(YEAR FROM sold_on) = :year ORDER BY id")
@NamedNativeQuery(name = "Sale.large", query = "SELECT id FROM sale WHERE amount > 1000") // no format: no key
public class Sale {
    @Id
    public Long id;

    @Column(name = "sold_on")
    public LocalDate soldOn;

    @Column(precision = 10, scale = 2)
    public BigDecimal amount;

    protected Sale() {}

    public Sale(long id, LocalDate soldOn, String amount) {
        this.id = id;
        this.soldOn = soldOn;
        this.amount = new BigDecimal(amount);
    }
}
