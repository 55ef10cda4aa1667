package dev.remotestore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.remotestore.BackendUnavailableException;
import dev.remotestore.Store;
import dev.remotestore.config.StoreConfigurationException.Problem;
import dev.remotestore.config.StoreProperties.Written;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per misconfiguration: each is reported with the property's full name and the rule it breaks. */
class StoreConfigurationTest {
    private static final String SQLITE = "jdbc:sqlite::memory:";
    private static final String KNOWN_TYPES = "composite, fixture, local, memory, sql-blob, sql-query";

    private static Map<String, String> props(String... nameValue) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put(nameValue[i], nameValue[i + 1]);
        }
        return m;
    }

    private static List<Problem> problems(StoreFactory.Builder builder) {
        StoreConfigurationException e = catchThrowableOfType(builder::build, StoreConfigurationException.class);
        assertThat(e).as("build() refuses the configuration").isNotNull();
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        for (Problem p : e.problems()) {
            assertThat(e.getMessage()).contains(p.property() + ": " + p.message());
        }
        return e.problems();
    }

    private static List<Problem> problems(String... nameValue) {
        return problems(StoreFactory.builder().prefix("remote-store.").properties(props(nameValue)));
    }

    /** The one problem of the configuration, which must be about {@code property}. */
    private static String only(String property, String... nameValue) {
        List<Problem> problems = problems(nameValue);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).property()).isEqualTo(property);
        return problems.get(0).message();
    }

    // ---- CONF-001 layout -------------------------------------------------------------------------------------

    @Test
    @DisplayName("CONF-001: the same property quoted and unquoted is an error naming both spellings")
    void propertyGivenTwice() {
        assertThat(only("remote-store.hot.type", "\"hot\".type", "memory", "hot.type", "memory"))
                .isEqualTo("is given twice, also as remote-store.\"hot\".type");
    }

    @Test
    @DisplayName("CONF-001: an unquoted store name that is a property name is read as the default store's; the"
            + " message says to quote it")
    void storeNamedLikeAPropertyMustBeQuoted() {
        List<Problem> problems = problems("type", "memory", "root.type", "memory");
        assertThat(problems).extracting(Problem::property).containsExactly("remote-store.root.type");
        assertThat(problems.get(0).message())
                .startsWith("is not a property of type memory; if \"root\" is a store's name, quote it:"
                        + " \"root\".type");
    }

    @Test
    @DisplayName("CONF-001: an unclosed quote, a quoted store name without property, an invalid store name")
    void badNames() {
        assertThat(problems("\"hot.type", "memory", "\"hot\"", "x", "\"a,b\".type", "memory"))
                .extracting(Problem::toString)
                .containsExactly(
                        "remote-store.\"hot.type: has an unclosed quote",
                        "remote-store.\"hot\": names the store \"hot\" but no property",
                        "remote-store.\"a,b\": is not a valid store name: a name is not blank, has no comma (tiers"
                                + " are separated by commas) and no quote, and does not start or end with a space");
    }

    // ---- CONF-002 / CONF-003 types and properties --------------------------------------------------------------

    @Test
    @DisplayName("CONF-002: an unknown type lists the known types and suggests the closest")
    void unknownType() {
        assertThat(only("remote-store.\"hot\".type", "\"hot\".type", "sqlblob"))
                .isEqualTo("is \"sqlblob\", which is no known type (did you mean sql-blob?); the known types are "
                        + KNOWN_TYPES);
    }

    @Test
    @DisplayName("CONF-002: a store without type is an error naming the missing property")
    void missingType() {
        assertThat(only("remote-store.hot.type", "hot.root", "/tmp/x"))
                .isEqualTo("is missing; every store needs a type, one of " + KNOWN_TYPES);
    }

    @Test
    @DisplayName("CONF-003: an unknown property suggests the closest known name")
    void unknownPropertySuggestsClosest() {
        assertThat(only("remote-store.max-blobsize", "type", "sql-blob", "url", SQLITE, "max-blobsize", "1"))
                .isEqualTo("is not a property of type sql-blob (did you mean max-blob-size?)");
        assertThat(only("remote-store.\"f\".lable", "\"f\".type", "fixture", "\"f\".label", "x", "\"f\".lable", "y"))
                .isEqualTo("is not a property of type fixture (did you mean label?)");
    }

    @Test
    @DisplayName("CONF-003: a map key with dots written without quotes is shown quoted")
    void unquotedKeyWithDots() {
        assertThat(only(
                        "remote-store.queries.reports/daily.csv",
                        "type",
                        "sql-query",
                        "url",
                        SQLITE,
                        "queries.reports/daily.csv",
                        "SELECT 1"))
                .isEqualTo("is not a property of type sql-query (did you mean queries.\"reports/daily.csv\"?)");
    }

    @Test
    @DisplayName("CONF-003: an unknown property with nothing close lists the type's properties")
    void unknownPropertyListsProperties() {
        assertThat(only("remote-store.colour", "type", "memory", "colour", "red"))
                .isEqualTo("is not a property of type memory; it takes no property but type");
        assertThat(only("remote-store.colour", "type", "local", "root", "x", "colour", "red"))
                .isEqualTo("is not a property of type local; its properties are [root]");
    }

    // ---- CONF-004 values -------------------------------------------------------------------------------------

    @Test
    @DisplayName("CONF-004: a boolean is true or false; yes is an error, not false")
    void badBoolean() {
        assertThat(only("remote-store.create-table", "type", "sql-blob", "url", SQLITE, "create-table", "yes"))
                .isEqualTo("expects true or false, got \"yes\"");
    }

    @Test
    @DisplayName("CONF-004: max-blob-size that is not a number is an error")
    void nonNumericSize() {
        assertThat(only("remote-store.max-blob-size", "type", "sql-blob", "url", SQLITE, "max-blob-size", "ten"))
                .isEqualTo("expects a size in bytes, optionally with a binary suffix (K, M, G, T or KiB, MiB, GiB,"
                        + " TiB; 1K = 1024), got \"ten\"");
    }

    @ParameterizedTest
    @CsvSource({"-1, must be positive", "0, must be positive", "10MB, expects a size", "99999999999T, is too large"})
    @DisplayName("CONF-004: a negative, zero, decimal-suffixed or overflowing max-blob-size is an error")
    void badSizes(String value, String rule) {
        assertThat(only("remote-store.max-blob-size", "type", "sql-blob", "url", SQLITE, "max-blob-size", value))
                .startsWith(rule)
                .contains(value);
    }

    @ParameterizedTest
    @CsvSource({
        "1024, 1024",
        "1B, 1",
        "1k, 1024",
        "1KiB, 1024",
        "64M, 67108864",
        "64MiB, 67108864",
        "2g, 2147483648",
        "1T, 1099511627776"
    })
    @DisplayName("CONF-004: sizes in bytes or with binary suffixes")
    void sizes(String value, long bytes) {
        assertThat(properties("max-blob-size", value).size("max-blob-size", 7)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"30, PT30S", "500ms, PT0.5S", "2m, PT2M", "1H, PT1H", "1d, PT24H", "PT30S, PT30S"})
    @DisplayName("CONF-004: durations in seconds, with a unit, or ISO-8601")
    void durations(String value, Duration expected) {
        assertThat(properties("connection-timeout", value).duration("connection-timeout", null))
                .isEqualTo(expected);
    }

    @Test
    @DisplayName("CONF-004: a bad connection-timeout or max-pool-size is an error")
    void badPoolNumbers() {
        assertThat(problems("type", "sql-blob", "url", SQLITE, "connection-timeout", "soon", "max-pool-size", "0"))
                .extracting(Problem::toString)
                .containsExactly(
                        "remote-store.connection-timeout: expects a duration such as 30s, 500ms, 2m or PT30S, got"
                                + " \"soon\"",
                        "remote-store.max-pool-size: must be positive, got 0");
    }

    private static StoreProperties properties(String name, String value) {
        List<Problem> problems = new ArrayList<>();
        StoreProperties p =
                new StoreProperties("s", "t", "", Map.of(name, new Written(name, value)), Map.of(), problems);
        assertThat(problems).isEmpty();
        return p;
    }

    // ---- CONF-005 connection ---------------------------------------------------------------------------------

    @Test
    @DisplayName("CONF-005: both url and datasource is an error")
    void urlAndDataSource() {
        assertThat(only("remote-store.url", "type", "sql-blob", "url", SQLITE, "datasource", "main"))
                .isEqualTo("and remote-store.datasource are both set; give one: url for a pool of the store's own,"
                        + " datasource for one of the application's");
    }

    @Test
    @DisplayName("CONF-005: neither url nor datasource, and no default datasource, is an error")
    void neitherUrlNorDataSource() {
        assertThat(only("remote-store.\"q\".url", "\"q\".type", "sql-query"))
                .isEqualTo("is missing, and so are remote-store.\"q\".datasource and a default datasource; set url (a"
                        + " JDBC URL, for a pool of the store's own) or datasource (the name of one of the"
                        + " application's datasources)");
    }

    @Test
    @DisplayName("CONF-005: a datasource name the application did not hand in is an error listing those it did")
    void unknownDataSource() {
        List<Problem> problems = problems(StoreFactory.builder()
                .properties(props("type", "sql-blob", "datasource", "reportng"))
                .dataSource("reporting", new JdbcDataSource()));
        assertThat(problems)
                .extracting(Problem::toString)
                .containsExactly("datasource: names no datasource the application handed in: \"reportng\"; the"
                        + " datasources are [reporting]");
    }

    @Test
    @DisplayName("CONF-005: pool options with a datasource are an error; a url must be a JDBC URL")
    void poolOptionsNeedUrl() {
        List<Problem> problems = problems(StoreFactory.builder()
                .properties(props(
                        "a.type",
                        "sql-blob",
                        "a.username",
                        "sa",
                        "a.max-pool-size",
                        "4",
                        "b.type",
                        "sql-blob",
                        "b.url",
                        "postgresql://localhost/x"))
                .dataSource(StoreFactory.DEFAULT, new JdbcDataSource()));
        assertThat(problems)
                .extracting(Problem::toString)
                .containsExactly(
                        "a.max-pool-size: applies to a pool of the store's own (url) only; the datasource (the default"
                                + " one) is configured where it is defined",
                        "a.username: applies to a pool of the store's own (url) only; the datasource (the default one)"
                                + " is configured where it is defined",
                        "b.url: is not a JDBC URL (jdbc:<database>:…)");
    }

    // ---- CONF-006 the builders' own checks ----------------------------------------------------------------

    @Test
    @DisplayName("CONF-006: an invalid key or a parameter problem in queries.\"<key>\" is the builder's message,"
            + " under the property")
    void badQueries() {
        assertThat(problems(
                        "type", "sql-query",
                        "url", SQLITE,
                        "queries.\"reports/../x.csv\"", "SELECT 1",
                        "queries.\"reports/x\"", "SELECT 1",
                        "queries.\"sales/{year}.csv\"", "SELECT * FROM sales WHERE yr = :yr"))
                .extracting(Problem::property)
                .containsExactly(
                        "remote-store.queries.\"reports/../x.csv\"",
                        "remote-store.queries.\"reports/x\"",
                        "remote-store.queries.\"sales/{year}.csv\"");
        assertThat(only(
                        "remote-store.queries.\"sales/{year}.csv\"",
                        "type",
                        "sql-query",
                        "url",
                        SQLITE,
                        "queries.\"sales/{year}.csv\"",
                        "SELECT * FROM sales WHERE yr = :yr"))
                .contains("sales/{year}.csv")
                .contains(":yr");
    }

    @Test
    @DisplayName("CONF-006: an invalid table name is the builder's message, under the property")
    void badTable() {
        assertThat(only("remote-store.table", "type", "sql-blob", "url", SQLITE, "table", "objects; DROP TABLE x"))
                .contains("objects; DROP TABLE x");
    }

    // ---- CONF-007 named queries ------------------------------------------------------------------------------

    @Test
    @DisplayName("CONF-007: named-queries=true without named queries handed in names remote-store-jpa")
    void namedQueriesNeedJpa() {
        assertThat(only("remote-store.named-queries", "type", "sql-query", "url", SQLITE, "named-queries", "true"))
                .contains("remote-store-jpa")
                .contains("dev.remotestore:remote-store-jpa")
                .contains("named-queries=false");
    }

    @Test
    @DisplayName("CONF-007: a named query mapped explicitly too is reported under named-queries")
    void namedQueryClashesWithExplicit() {
        dev.remotestore.sql.QuerySource source = new dev.remotestore.sql.QuerySource() {
            @Override
            public String name() {
                return "named";
            }

            @Override
            public Map<String, String> queries() {
                return Map.of("a.csv", "SELECT 2");
            }
        };
        List<Problem> problems = problems(StoreFactory.builder()
                .properties(props("type", "sql-query", "url", SQLITE, "queries.\"a.csv\"", "SELECT 1"))
                .namedQueries(store -> source));
        assertThat(problems)
                .extracting(Problem::toString)
                .containsExactly("named-queries: the key \"a.csv\" is mapped twice (explicit and named)");
    }

    // ---- CONF-008 local --------------------------------------------------------------------------------------

    @Test
    @DisplayName("CONF-008: local without root is an error")
    void localWithoutRoot() {
        assertThat(only("remote-store.\"files\".root", "\"files\".type", "local"))
                .isEqualTo("is missing; a store of type local needs it");
    }

    @Test
    @DisplayName("CONF-008: a local root that is a file, or lies below a file, is an error")
    void localRootThatIsNoDirectory(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThat(only("remote-store.root", "type", "local", "root", file.toString()))
                .isEqualTo("is not a directory: " + file.toAbsolutePath());
        assertThat(only(
                        "remote-store.root",
                        "type",
                        "local",
                        "root",
                        file.resolve("below/it").toString()))
                .isEqualTo("cannot be created: " + file.toAbsolutePath() + " is not a directory");
        StoreFactory.builder() // a missing root below a directory is fine: the store creates it
                .properties(
                        props("type", "local", "root", dir.resolve("new/dir").toString()))
                .build();
    }

    // ---- CONF-009 / CONF-010 composites ------------------------------------------------------------------------

    @Test
    @DisplayName("CONF-009: a composite whose tiers is empty is an error")
    void emptyTiers() {
        assertThat(only("remote-store.tiers", "type", "composite", "tiers", " "))
                .isEqualTo("is missing; a composite needs the names of its tier stores, in tier order");
        assertThat(only(
                        "remote-store.tiers",
                        "type",
                        "composite",
                        "tiers",
                        "a,,b",
                        "a.type",
                        "memory",
                        "b.type",
                        "memory"))
                .isEqualTo("has an empty entry: \"a,,b\"");
    }

    @Test
    @DisplayName("CONF-010: a tier that names no configured store is an error listing the stores")
    void unknownTier() {
        assertThat(only("remote-store.tiers", "type", "composite", "tiers", "hot,cold", "hot.type", "memory"))
                .isEqualTo("names \"cold\", which is not a configured store; the stores are [<default>, hot]");
        assertThat(only("remote-store.tiers", "type", "composite", "tiers", "hott", "hot.type", "memory"))
                .isEqualTo("names \"hott\", which is not a configured store (did you mean hot?); the stores are"
                        + " [<default>, hot]");
    }

    @Test
    @DisplayName("CONF-009: a composite that names itself is an error")
    void compositeNamesItself() {
        assertThat(only("remote-store.c.tiers", "c.type", "composite", "c.tiers", "hot,c", "hot.type", "memory"))
                .isEqualTo("names the composite itself (\"c\")");
    }

    @Test
    @DisplayName("CONF-010: composites that contain each other are an error naming the cycle")
    void cycle() {
        assertThat(problems(
                        "type",
                        "composite",
                        "tiers",
                        "a",
                        "a.type",
                        "composite",
                        "a.tiers",
                        "b",
                        "b.type",
                        "composite",
                        "b.tiers",
                        "hot,<default>",
                        "hot.type",
                        "memory"))
                .extracting(Problem::toString)
                .containsExactly("remote-store.b.tiers: forms a cycle: <default> → a → b → <default>; a composite"
                        + " cannot contain itself");
    }

    @Test
    @DisplayName("CONF-010: a store that is a tier of two composites is an error")
    void tierOfTwoComposites() {
        assertThat(only(
                        "remote-store.b.tiers",
                        "a.type",
                        "composite",
                        "a.tiers",
                        "hot",
                        "b.type",
                        "composite",
                        "b.tiers",
                        "hot",
                        "hot.type",
                        "memory"))
                .isEqualTo("names \"hot\", which is already a tier of \"a\"; a store is a tier of one composite at"
                        + " most, since closing a composite closes its tiers");
    }

    @Test
    @DisplayName("CONF-009: a write-tier that is not among the tiers is an error")
    void writeTierNotATier() {
        assertThat(only(
                        "remote-store.write-tier",
                        "type",
                        "composite",
                        "tiers",
                        "hot",
                        "write-tier",
                        "cold",
                        "hot.type",
                        "memory",
                        "cold.type",
                        "memory"))
                .isEqualTo("is \"cold\", which is not one of the tiers [hot]");
    }

    @Test
    @DisplayName("CONF-009: tier.\"x\".match for a tier the composite does not have is an error")
    void matchForUnknownTier() {
        assertThat(only(
                        "remote-store.tier.\"cold\".match",
                        "type",
                        "composite",
                        "tiers",
                        "hot",
                        "tier.\"cold\".match",
                        "archive/**",
                        "hot.type",
                        "memory"))
                .isEqualTo("is for the tier \"cold\", which is not one of the tiers [hot]");
    }

    @Test
    @DisplayName("CONF-009: a bad glob in match is an error with the glob rule it breaks")
    void badGlob() {
        assertThat(only(
                        "remote-store.tier.hot.match",
                        "type",
                        "composite",
                        "tiers",
                        "hot",
                        "tier.hot.match",
                        "a/[z-a]",
                        "hot.type",
                        "memory"))
                .startsWith("is not a valid glob pattern (\"a/[z-a]\"): ")
                .contains("z-a");
    }

    // ---- CONF-011 all at once, nothing opened -----------------------------------------------------------------

    @Test
    @DisplayName("CONF-011: every problem of every store is reported at once")
    void everyProblemAtOnce() {
        StoreConfigurationException e = catchThrowableOfType(
                () -> StoreFactory.builder()
                        .properties(props(
                                "type", "composite",
                                "tiers", "hot,missing",
                                "hot.type", "local",
                                "warm.type", "sql-blob",
                                "warm.url", SQLITE,
                                "warm.create-table", "maybe",
                                "cold.type", "tape"))
                        .build(),
                StoreConfigurationException.class);
        assertThat(e.problems())
                .extracting(Problem::property)
                .containsExactly("tiers", "cold.type", "hot.root", "warm.create-table");
        assertThat(e.getMessage()).startsWith("the store configuration has 4 problems:\n  tiers: names \"missing\"");
    }

    @Test
    @DisplayName(
            "CONF-011: build() connects to nothing: a store on a server that is down builds and is created; its operations fail until the server answers")
    void buildConnectsNothing() {
        StoreFactory factory = StoreFactory.builder()
                .properties(props(
                        "type", "sql-blob",
                        "url", "jdbc:postgresql://127.0.0.1:1/nothing",
                        "connection-timeout", "2s"))
                .build();
        try (Store store = factory.create(StoreFactory.DEFAULT)) {
            assertThatThrownBy(() -> store.exists("x")).isInstanceOf(BackendUnavailableException.class);
        }
    }

    // ---- CONF-012 providers ------------------------------------------------------------------------------------

    @Test
    @DisplayName("CONF-012: a provider's own checks are reported like the built-in types'")
    void providerProblems() {
        assertThat(only("remote-store.\"f\".label", "\"f\".type", "fixture"))
                .isEqualTo("is missing; a store of type fixture needs it");
    }

    @Test
    @DisplayName("CONF-012: two providers of one type, or a provider of a built-in type, fail build()")
    void duplicateTypes() {
        assertThatThrownBy(() ->
                        StoreFactory.builder().provider(new Named("fixture")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the store type \"fixture\" is provided twice")
                .hasMessageContaining(FixtureStoreProvider.class.getName())
                .hasMessageContaining(Named.class.getName());
        assertThatThrownBy(() ->
                        StoreFactory.builder().provider(new Named("local")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "the store type \"local\" is provided twice: built in and by " + Named.class.getName());
    }

    /** A provider of any type, creating memory stores. */
    private record Named(String type) implements StoreProvider {
        @Override
        public Set<String> properties() {
            return Set.of();
        }

        @Override
        public Supplier<Store> configure(StoreProperties properties) {
            return () -> Store.of(new dev.remotestore.memory.MemoryBackend());
        }
    }
}
