package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.sql.format.ArrowSerializer;
import dev.remotestore.testkit.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports of millions of rows in child JVMs with a 128 MiB heap and no Hadoop jar on the class path: rows
 * stream from the server, the serialized file spills to disk, and the heap does not grow with the result.
 */
class SqlQueryHeapTest {
    private static final String HEAP = "-Xmx128m";

    private static ChildJvm.Result export(TestDatabase db, String format, long rows, Path out, boolean addOpens)
            throws Exception {
        db.dataSource(); // skips, or fails under CI, when the server is not there
        List<String> options = addOpens ? List.of(HEAP, ArrowSerializer.REQUIRED_JVM_OPTION) : List.of(HEAP);
        return ChildJvm.run(
                600,
                ChildJvm.builder(
                        options,
                        ChildJvm.classPathWithout("hadoop-client"),
                        QueryExportMain.class,
                        db.name(),
                        format,
                        Long.toString(rows),
                        out.toString()));
    }

    private static void assertExported(ChildJvm.Result r) {
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.line("HADOOP ")).containsExactly("absent");
        System.out.println("peak heap MB: " + r.line("PEAK_HEAP_MB ")[0] + ", bytes: " + r.line("EXPORTED ")[0]);
    }

    @Test
    @DisplayName("PostgreSQL: 3 million rows to Parquet within -Xmx128m, without Hadoop; DuckDB counts them all")
    void postgresParquet(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("export.parquet");
        assertExported(export(TestDatabase.POSTGRESQL, "parquet", 3_000_000, out, false));
        assertThat(Readback.duckdbCount(out)).isEqualTo(3_000_000);
    }

    @Test
    @DisplayName("PostgreSQL: 1 million rows to an Arrow IPC stream within -Xmx128m; Arrow's reader counts them")
    void postgresArrow(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("export.arrows");
        assertExported(export(TestDatabase.POSTGRESQL, "arrows", 1_000_000, out, true));
        long rows = 0;
        try (BufferAllocator allocator = new RootAllocator();
                ArrowStreamReader reader = new ArrowStreamReader(Files.newInputStream(out), allocator)) {
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
            }
        }
        assertThat(rows).isEqualTo(1_000_000);
    }

    @Test
    @DisplayName("MariaDB: 1 million rows to CSV within -Xmx128m")
    void mariaDbCsv(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("export.csv");
        assertExported(export(TestDatabase.MARIADB, "csv", 1_000_000, out, false));
        assertThat(lines(out)).isEqualTo(1_000_001);
    }

    @Test
    @DisplayName("SQLite: 2 million rows to Parquet within -Xmx128m")
    void sqliteParquet(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("export.parquet");
        assertExported(export(TestDatabase.SQLITE, "parquet", 2_000_000, out, false));
        assertThat(Readback.duckdbCount(out)).isEqualTo(2_000_000);
    }

    @Test
    @DisplayName("Arrow without --add-opens fails with an error that names the JVM option")
    void arrowWithoutAddOpensNamesTheOption(@TempDir Path tmp) throws Exception {
        ChildJvm.Result r = export(TestDatabase.SQLITE, "arrow", 10, tmp.resolve("x.arrow"), false);
        assertThat(r.exitCode()).as(r.output()).isEqualTo(3);
        assertThat(r.output()).contains("FAILED").contains(ArrowSerializer.REQUIRED_JVM_OPTION);
    }

    private static long lines(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            return reader.lines().count();
        }
    }
}
