package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotestore.Store;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every format library is optional: one that is missing fails only its own format, naming the artifact. */
class OptionalLibrariesTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName(
            "without commons-csv and jackson-core the query store builds and serves Parquet; CSV and JSON Lines name their artifact")
    void missingFormatLibrariesFailOnlyTheirFormat() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> {
                    String name = Path.of(entry).getFileName().toString();
                    return !name.startsWith("commons-csv") && !name.startsWith("jackson-core");
                })
                .collect(Collectors.joining(File.pathSeparator));
        ChildJvm.Result r = ChildJvm.run(
                120, ChildJvm.builder(List.of(), classPath, Formats.class, "jdbc:sqlite:" + tmp.resolve("formats.db")));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("LIBRARIES csv=absent jackson=absent")
                .contains("BUILT")
                .containsPattern("OK parquet [1-9]")
                .contains("FAIL csv")
                .contains("org.apache.commons:commons-csv")
                .contains("FAIL jsonl")
                .contains("com.fasterxml.jackson.core:jackson-core");
    }

    /** The child JVM: builds a query store and reads one key per format, printing what happened. */
    public static final class Formats {
        private Formats() {}

        public static void main(String[] args) throws Exception {
            System.out.println("LIBRARIES csv=" + present("org.apache.commons.csv.CSVFormat") + " jackson="
                    + present("com.fasterxml.jackson.core.JsonFactory"));
            try (Store store = Store.of(SqlQueryBackend.builder()
                    .url(args[0])
                    .query("t.parquet", "SELECT 1 AS x, 'a' AS y")
                    .query("t.csv", "SELECT 1 AS x, 'a' AS y")
                    .query("t.jsonl", "SELECT 1 AS x, 'a' AS y")
                    .build())) {
                System.out.println("BUILT");
                for (String format : List.of("parquet", "csv", "jsonl")) {
                    try (InputStream in = store.read("t." + format)) {
                        System.out.println("OK " + format + " " + in.readAllBytes().length);
                    } catch (RuntimeException e) {
                        System.out.println("FAIL " + format + " " + e);
                    }
                }
            }
        }

        private static String present(String className) {
            try {
                Class.forName(className);
                return "present";
            } catch (ClassNotFoundException | LinkageError e) {
                return "absent";
            }
        }
    }
}
