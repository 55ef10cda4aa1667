package dev.remotestore.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that uses {@link TestDatabase}s: after the class, every table handed out by
 * {@link TestDatabase#newTableName()} is dropped. Typical use:
 *
 * <pre>{@code
 * @DatabaseTest
 * class MyBackendTest {
 *     @ParameterizedTest
 *     @EnumSource(TestDatabase.class)
 *     void storesRows(TestDatabase db) {
 *         DataSource ds = db.dataSource();          // created on first use; skipped (CI: failed) if the server is down
 *         String table = TestDatabase.newTableName();
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DatabaseTest.DropTables.class)
public @interface DatabaseTest {
    /** Drops the test tables after each class. */
    final class DropTables implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) {
            TestDatabase.dropTables();
        }
    }
}
