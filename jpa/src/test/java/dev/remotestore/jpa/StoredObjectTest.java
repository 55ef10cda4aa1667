package dev.remotestore.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.testkit.DatabaseTest;
import dev.remotestore.testkit.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DatabaseTest
class StoredObjectTest {
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void validatePassesAgainstTheLibrarysBlobTable(TestDatabase db) throws Exception {
        DataSource ds = db.dataSource();
        String table = TestDatabase.newTableName();
        Jpa.createBlobTable(ds, table);
        try (EntityManagerFactory emf = Jpa.emf(db, ds, table, "validate")) {
            assertThat(emf.isOpen()).isTrue();
        }
    }
}
