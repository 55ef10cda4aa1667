package dev.remotestore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The layering rules of DESIGN.md, kept visible as the code grows. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.remotestore");
    }

    @Test
    @DisplayName("the API package imports no backend, composite, extension or configuration package")
    void apiImportsNoImplementation() {
        noClasses()
                .that()
                .resideInAPackage("dev.remotestore")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.remotestore.local..",
                        "dev.remotestore.memory..",
                        "dev.remotestore.sql..",
                        "dev.remotestore.composite..",
                        "dev.remotestore.ext..",
                        "dev.remotestore.config..")
                .check(classes);
    }

    @Test
    @DisplayName(
            "backends, the composite and the extensions never import the configuration factory, which uses them all")
    void nothingBelowImportsConfiguration() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.remotestore.local..",
                        "dev.remotestore.memory..",
                        "dev.remotestore.sql..",
                        "dev.remotestore.composite..",
                        "dev.remotestore.ext..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.remotestore.config..")
                .check(classes);
    }

    @Test
    @DisplayName("backends never import each other, the composite or the extensions")
    void backendsAreIndependent() {
        String[] backends = {"local", "memory", "sql"};
        for (String backend : backends) {
            String[] others = Arrays.stream(backends)
                    .filter(b -> !b.equals(backend))
                    .map(b -> "dev.remotestore." + b + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage("dev.remotestore." + backend + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .orShould()
                    .dependOnClassesThat()
                    .resideInAnyPackage("dev.remotestore.composite..", "dev.remotestore.ext..")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    @DisplayName("the composite and the extensions build on Store alone, never on a concrete backend")
    void compositeAndExtensionsUseNoBackend() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.remotestore.composite..", "dev.remotestore.ext..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.remotestore.local..", "dev.remotestore.memory..", "dev.remotestore.sql..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    @DisplayName("only dev.remotestore.sql.format touches Arrow and parquet-java")
    void onlyTheFormatPackageTouchesArrowAndParquet() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.remotestore.sql.format..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.arrow..", "org.apache.parquet..", "org.apache.hadoop..")
                .check(classes);
    }

    @Test
    @DisplayName("only dev.remotestore.sql touches JDBC drivers' own classes and the pool library")
    void onlySqlTouchesDrivers() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.remotestore.sql..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.postgresql..", "org.mariadb..", "org.sqlite..", "org.h2..", "com.zaxxer.hikari..")
                .check(classes);
    }

    @Test
    @DisplayName("inside dev.remotestore.sql, drivers' own classes are touched by the dialects only (and the pool)")
    void driversBehindDialects() {
        noClasses()
                .that()
                .resideInAPackage("dev.remotestore.sql")
                .and()
                .haveNameNotMatching("dev\\.remotestore\\.sql\\.([A-Za-z]+Dialect|[A-Za-z]+Values|HikariPools)(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.postgresql..", "org.mariadb..", "org.sqlite..", "org.h2..", "com.zaxxer.hikari..")
                .check(classes);
    }

    @Test
    @DisplayName("core never depends on the integration modules")
    void coreDependsOnNoIntegration() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.remotestore.jpa..",
                        "dev.remotestore.cdi..",
                        "dev.remotestore.flyway..",
                        "dev.remotestore.quarkus..")
                .check(classes);
    }

    @Test
    @DisplayName("serializers know typed rows only: dev.remotestore.sql.format uses neither JDBC nor the SQL backends")
    void serializersKnowNoJdbc() {
        noClasses()
                .that()
                .resideInAPackage("dev.remotestore.sql.format..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("dev.remotestore.sql")
                .check(classes);
    }

    @Test
    @DisplayName("only dev.remotestore.sql.format touches the CSV and JSON libraries")
    void onlyTheFormatPackageTouchesCsvAndJson() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.remotestore.sql.format..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.commons.csv..", "com.fasterxml.jackson..")
                .check(classes);
    }
}
