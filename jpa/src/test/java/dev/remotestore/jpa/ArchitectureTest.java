package dev.remotestore.jpa;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** hibernate-core is optional: one class uses it, and the entity carries two of its annotations. */
class ArchitectureTest {
    private static final JavaClasses MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.remotestore.jpa");

    @Test
    @DisplayName("only HibernateSupport uses Hibernate ORM's classes (StoredObject: its @Immutable and @JdbcType)")
    void hibernateStaysBehindOneClass() {
        noClasses()
                .that()
                .doNotHaveSimpleName("HibernateSupport")
                .and()
                .areNotNestedClasses()
                .and()
                .doNotHaveSimpleName("StoredObject")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.hibernate..")
                .check(MODULE);
        noClasses()
                .that()
                .areNestedClasses()
                .and()
                .areNotAssignableTo(org.hibernate.event.spi.PostDeleteEventListener.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.hibernate..")
                .check(MODULE);
    }

    @Test
    @DisplayName(
            "no CDI in dev.remotestore.jpa: the plain-CDI extension is dev.remotestore.cdi, which JPA code never needs")
    void noCdi() {
        noClasses()
                .that()
                .resideInAPackage("dev.remotestore.jpa..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.enterprise..", "jakarta.inject..")
                .check(MODULE);
    }
}
