package dev.remotestore.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** hibernate-core is an optional dependency: without any Hibernate jar, the module loads and does what JPA allows. */
class WithoutHibernateTest {
    @Test
    @DisplayName(
            "without Hibernate: keys, shared writes and annotated named queries work; callbacks are refused by name")
    void worksWithoutHibernate() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("hibernate-"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                WithoutHibernateMain.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines())
                .as(out)
                .contains(
                        "HIBERNATE absent",
                        "KEY a/b c",
                        "ENTITY 1",
                        "CALLBACKS refused true false",
                        "SHARED true false false true", // shares; unseen before commit; gone on rollback; kept on
                        // commit
                        "NAMED [runs/{run}/daily_sales.parquet, runs/{run}/sales/{year:int}.csv]");
    }
}
