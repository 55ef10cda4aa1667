package dev.remotestore.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/**
 * An application's entity with named native queries. Its table has a fixed name (native SQL names it), shared by
 * every run on a server database: each test run keeps to its own rows, which the {@code {run}} placeholder
 * selects.
 */
@Entity
@Table(name = "rs_jpa_sales")
@NamedNativeQuery(
        name = "runs/{run}/daily_sales.parquet",
        query = "SELECT region, sum(amount) AS total, count(*) AS sales FROM rs_jpa_sales WHERE run_id = :run"
                + " GROUP BY region ORDER BY region")
@NamedNativeQuery(
        name = "runs/{run}/sales/{year:int}.csv",
        query = "SELECT id, region, amount FROM rs_jpa_sales WHERE run_id = :run AND sale_year = :year ORDER BY id")
@NamedNativeQuery(name = "Sale.byRegion", query = "SELECT * FROM rs_jpa_sales WHERE region = :region")
public class Sale {
    @Id
    private String id;

    @Column(name = "run_id")
    private String runId;

    private String region;

    @Column(name = "sale_year")
    private int saleYear;

    @Column(precision = 12, scale = 2)
    private BigDecimal amount;

    protected Sale() {}

    Sale(String id, String runId, String region, int saleYear, String amount) {
        this.id = id;
        this.runId = runId;
        this.region = region;
        this.saleYear = saleYear;
        this.amount = new BigDecimal(amount);
    }

    static final String DDL = "CREATE TABLE IF NOT EXISTS rs_jpa_sales (id VARCHAR(64) PRIMARY KEY,"
            + " run_id VARCHAR(64) NOT NULL, region VARCHAR(50) NOT NULL, sale_year INT NOT NULL,"
            + " amount DECIMAL(12,2) NOT NULL)";
}
