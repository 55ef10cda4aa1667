package dev.remotestore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    @DisplayName("a flat object of strings round-trips, escapes and all")
    void roundTrip() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("plain", "value");
        values.put("quotes", "say \"hi\" \\ back/slash");
        values.put("controls", "line\nbreak\ttab\r\u0001");
        values.put("unicode", "Résumé 😀 𝄞");
        values.put("empty", "");
        String json = Json.writeObject(values);
        assertThat(json).startsWith("{\"plain\":\"value\"").doesNotContain("\n");
        assertThat(Json.readObject(json)).isEqualTo(values);
        assertThat(Json.writeObject(Map.of())).isNull();
        assertThat(Json.readObject(null)).isEmpty();
    }

    @Test
    @DisplayName("what another program wrote reads as JSON values: numbers, booleans, null, lists, objects")
    void readsAnyObject() {
        Map<String, Object> read = Json.readObject(
                " { \"n\" : -1.5e3, \"b\": true, \"f\":false, \"z\": null, \"l\": [1, \"a\", []], \"o\": {\"k\": \"v\"},"
                        + " \"u\": \"\\u00e9\\/\" } ");
        assertThat(read.get("n")).isEqualTo(new BigDecimal("-1.5e3"));
        assertThat(read).containsEntry("b", true).containsEntry("f", false).containsEntry("z", null);
        assertThat(read.get("l")).isEqualTo(List.of(new BigDecimal(1), "a", List.of()));
        assertThat(read.get("o")).isEqualTo(Map.of("k", "v"));
        assertThat(read).containsEntry("u", "é/");
    }

    @Test
    @DisplayName("text that is not one JSON object is refused, saying where")
    void refusesWhatIsNoObject() {
        for (String bad : List.of("[]", "\"s\"", "{\"a\":}", "{\"a\":1", "{\"a\":1} x", "{a:1}", "{\"a\":\"\\x\"}")) {
            assertThatThrownBy(() -> Json.readObject(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
