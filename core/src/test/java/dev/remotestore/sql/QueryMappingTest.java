package dev.remotestore.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QueryMappingTest {
    @Test
    @DisplayName("named parameters become ? outside literals, quoted identifiers, comments, dollar quotes and casts")
    void namedParametersSkipQuotedText() {
        List<String> names = new ArrayList<>();
        String sql = "SELECT ':no', \"a:b\", `c:d`, x::text, $$ :nope $$, $t$ :no $t$ -- :comment\n"
                + "FROM t /* :block */ WHERE a = :a AND b = :b_2 OR a = :a";
        assertThat(NamedParameters.toJdbc(sql, names, "k"))
                .isEqualTo("SELECT ':no', \"a:b\", `c:d`, x::text, $$ :nope $$, $t$ :no $t$ -- :comment\n"
                        + "FROM t /* :block */ WHERE a = ? AND b = ? OR a = ?");
        assertThat(names).containsExactly("a", "b_2", "a");
    }

    @Test
    @DisplayName("unterminated quotes and comments are refused with the key named")
    void unterminatedIsRefused() {
        assertThatThrownBy(() -> NamedParameters.toJdbc("SELECT 'x", new ArrayList<>(), "k.csv"))
                .hasMessageContaining("\"k.csv\"")
                .hasMessageContaining("unterminated");
        assertThatThrownBy(() -> NamedParameters.toJdbc("SELECT /* x", new ArrayList<>(), "k.csv"))
                .hasMessageContaining("unterminated comment");
    }

    @Test
    @DisplayName("typed placeholders match their shape within one segment and bind typed values in SQL order")
    void typedPlaceholders() {
        QueryMapping m = QueryMapping.of(
                "sales/{region}/{day:date}-{n:int}-{x:decimal}.parquet",
                "SELECT * FROM s WHERE n = :n AND day = :day AND region = :region AND x = :x AND n2 = :n",
                "explicit");
        assertThat(m.isPattern()).isTrue();
        assertThat(m.format).isEqualTo("parquet");
        Map<String, Object> values =
                m.match("sales/north/2024-02-29-7-1.50.parquet").orElseThrow();
        assertThat(values)
                .containsExactly(
                        Map.entry("region", "north"),
                        Map.entry("day", LocalDate.of(2024, 2, 29)),
                        Map.entry("n", 7L),
                        Map.entry("x", new BigDecimal("1.50")));
        assertThat(m.bind(values)).containsExactly(7L, LocalDate.of(2024, 2, 29), "north", new BigDecimal("1.50"), 7L);
        assertThat(m.jdbcSql())
                .isEqualTo("SELECT * FROM s WHERE n = ? AND day = ? AND region = ? AND x = ? AND n2 = ?");
        assertThat(m.match("sales/a/b/2024-02-29-7-1.5.parquet"))
                .as("a placeholder never spans segments")
                .isEmpty();
        assertThat(m.match("sales/north/2024-02-30-7-1.5.parquet"))
                .as("shaped like a date, but none")
                .isEmpty();
        assertThat(m.match("sales/north/2024-02-29-x-1.5.parquet")).isEmpty();
        assertThat(m.match("sales/north/2024-02-29-7-1.5.csv")).isEmpty();
    }

    @Test
    @DisplayName("the SQL of a key without placeholders is sent as written")
    void exactKeysKeepTheirSql() {
        QueryMapping m = QueryMapping.of("a/b.csv", "SELECT a[1:2], '?', x::text FROM t", "explicit");
        assertThat(m.isPattern()).isFalse();
        assertThat(m.jdbcSql()).isEqualTo("SELECT a[1:2], '?', x::text FROM t");
    }

    @Test
    @DisplayName(
            "a parameter no placeholder of the key can fill (bare ?, or :name) is refused, naming key and parameter")
    void unboundParametersAreRefused() {
        assertThatThrownBy(() -> QueryMapping.of("a/b.csv", "SELECT * FROM t WHERE id = ?", "explicit"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"a/b.csv\"")
                .hasMessageContaining("bare ?");
        assertThatThrownBy(() -> QueryMapping.of("a/b.csv", "SELECT * FROM t WHERE id = :id", "explicit"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"a/b.csv\"")
                .hasMessageContaining(":id");
        assertThatThrownBy(() -> SqlQueryBackend.builder()
                        .url("jdbc:sqlite::memory:")
                        .query("report.csv", "SELECT :year")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("report.csv")
                .hasMessageContaining(":year");
    }

    @Test
    @DisplayName("the format comes from a literal extension, never from a placeholder")
    void extensionMustBeLiteral() {
        assertThatThrownBy(() -> QueryMapping.of("a/{x}.{fmt}", "SELECT :x, :fmt", "explicit"))
                .hasMessageContaining("extension");
        assertThatThrownBy(() -> QueryMapping.of("a/{x}", "SELECT :x", "explicit"))
                .hasMessageContaining("extension");
        assertThatThrownBy(() -> QueryMapping.of("a/{x}/{x}.csv", "SELECT :x", "explicit"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> QueryMapping.of("a/{x.csv", "SELECT 1", "explicit"))
                .hasMessageContaining("brace");
    }
}
