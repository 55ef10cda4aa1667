package dev.remotestore.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;

/** An entity whose named native query has a format extension but a name that is no valid key. */
@Entity
@NamedNativeQuery(name = "reports//daily.csv", query = "SELECT 1 AS one")
public class MalformedQuery {
    @Id
    private long id;

    protected MalformedQuery() {}
}
