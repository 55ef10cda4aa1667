package dev.remotestore.sql;

import dev.remotestore.Store;
import dev.remotestore.testkit.TestDatabase;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM for {@link SqlQueryHeapTest}: exports {@code rows} generated rows from a database through a query
 * backend into a file, and prints {@code EXPORTED <bytes>}, {@code HADOOP <present|absent>} and
 * {@code PEAK_HEAP_MB <n>}; a failure prints {@code FAILED <message>} and exits 3.
 */
public final class QueryExportMain {
    private QueryExportMain() {}

    public static void main(String[] args) throws Exception {
        TestDatabase db = TestDatabase.valueOf(args[0]);
        String format = args[1];
        long rows = Long.parseLong(args[2]);
        Path out = Path.of(args[3]);
        String generator =
                switch (db) {
                    case POSTGRESQL -> "SELECT g AS id, md5(g::text) AS txt, (g * 1.5)::numeric(14,1) AS amount,"
                            + " timestamp '2024-01-01' + g * interval '1 second' AS ts FROM generate_series(1, :rows) g";
                    case MARIADB -> "SELECT seq AS id, CONCAT('row ', seq, ' of the export') AS txt,"
                            + " seq * 1.5 AS amount FROM seq_1_to_100000000 WHERE seq <= :rows";
                    case SQLITE -> "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < :rows)"
                            + " SELECT n AS id, 'row ' || n || ' of the export' AS txt, n * 1.5 AS amount FROM s";
                    case H2 -> "SELECT X AS id, 'row ' || X AS txt FROM SYSTEM_RANGE(1, :rows)";
                };
        System.out.println("HADOOP " + present("org.apache.hadoop.conf.Configuration"));
        try (Store store = Store.of(SqlQueryBackend.builder()
                        .url(db.url())
                        .user(db.user())
                        .password(db.password())
                        .maxPoolSize(1)
                        .query("export/{rows:int}." + format, generator)
                        .build());
                InputStream in = store.read("export/" + rows + "." + format);
                OutputStream file = Files.newOutputStream(out)) {
            System.out.println("EXPORTED " + in.transferTo(file));
        } catch (RuntimeException e) {
            System.out.println("FAILED " + e.getMessage());
            System.exit(3);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("PEAK_HEAP_MB " + (peak >> 20));
    }

    private static String present(String className) {
        try {
            Class.forName(className);
            return "present";
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return "absent";
        }
    }
}
