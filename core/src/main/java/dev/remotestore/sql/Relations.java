package dev.remotestore.sql;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Views and tables named by a key, found through {@link DatabaseMetaData} — only objects that exist, outside
 * the databases' own catalogs ({@link #SYSTEM_SCHEMAS}), and quoted by the driver's rules. The names in the SQL
 * are the database's own, never the key's text.
 */
final class Relations {
    /** A view or table that exists. */
    record Relation(String catalog, String schema, String name, boolean isView, String quote) {
        /** The schema, or for databases that name schemas through catalogs, the catalog. */
        String owner() {
            return schema != null ? schema : catalog == null ? "" : catalog;
        }

        /** {@code SELECT * FROM "schema"."name"}, quoted by the database's rules. */
        String selectAll() {
            StringBuilder sb = new StringBuilder("SELECT * FROM ");
            String qualifier = schema != null ? schema : catalog;
            if (qualifier != null) {
                sb.append(quote(qualifier)).append('.');
            }
            return sb.append(quote(name)).toString();
        }

        private String quote(String identifier) {
            if (quote == null || quote.isBlank()) {
                return identifier;
            }
            return quote + identifier.replace(quote, quote + quote) + quote;
        }
    }

    /** Schemas of the databases' own catalogs: never served, whatever the user may read. */
    static final Set<String> SYSTEM_SCHEMAS =
            Set.of("pg_catalog", "information_schema", "pg_toast", "mysql", "performance_schema", "sys");

    private Relations() {}

    /** Whether {@code schema} is one of the databases' own catalogs. */
    static boolean isSystem(String schema) {
        return schema != null && SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT));
    }

    /**
     * The view or table {@code object} in {@code schema} (or the connection's current schema): an exact match,
     * else the one match ignoring case (for databases that fold unquoted names). Views come before tables.
     */
    static Optional<Relation> find(
            Connection c, SqlDialect dialect, String schema, String object, Set<String> allowedSchemas)
            throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        boolean catalogs = dialect.catalogsAreSchemas();
        String current = catalogs ? c.getCatalog() : schemaOf(c);
        String wantedSchema = schema != null ? schema : current;
        if (isSystem(wantedSchema) || !allowed(wantedSchema, current, allowedSchemas)) {
            return Optional.empty();
        }
        List<Relation> found = new ArrayList<>();
        for (String s : spellings(wantedSchema)) {
            for (String o : spellings(object)) {
                collect(
                        md,
                        catalogs ? s : c.getCatalog(),
                        catalogs ? null : escape(s, md),
                        escape(o, md),
                        catalogs,
                        found);
                // the first search is spelled exactly: an exact match, if any, is there, and ends the search
                Optional<Relation> exact = found.stream()
                        .filter(r ->
                                r.name().equals(object) && (wantedSchema == null || wantedSchema.equals(r.owner())))
                        .min((a, b) -> Boolean.compare(b.isView(), a.isView()));
                if (exact.isPresent()) {
                    return exact;
                }
            }
        }
        List<Relation> folded = found.stream()
                .filter(r -> r.name().equalsIgnoreCase(object)
                        && (wantedSchema == null || wantedSchema.equalsIgnoreCase(r.owner())))
                .distinct()
                .toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }

    /** Adds the views and tables (outside the system catalogs) that one metadata search finds. */
    private static void collect(
            DatabaseMetaData md,
            String catalog,
            String schemaPattern,
            String namePattern,
            boolean catalogs,
            List<Relation> found)
            throws SQLException {
        try (ResultSet rs = md.getTables(catalog, schemaPattern, namePattern, null)) {
            while (rs.next()) {
                String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                boolean view = type.contains("VIEW");
                boolean table = type.equals("TABLE") || type.equals("BASE TABLE") || type.contains("PARTITIONED");
                String owner = catalogs ? rs.getString("TABLE_CAT") : rs.getString("TABLE_SCHEM");
                if ((view || table) && !isSystem(owner)) {
                    found.add(new Relation(
                            catalogs ? owner : null,
                            catalogs ? null : owner,
                            rs.getString("TABLE_NAME"),
                            view,
                            md.getIdentifierQuoteString()));
                }
            }
        }
    }

    /**
     * Whether {@code schema} may be served: one of {@code allowedSchemas} (lower case), or without a list, the
     * connection's current schema only.
     */
    private static boolean allowed(String schema, String current, Set<String> allowedSchemas) {
        if (allowedSchemas.isEmpty()) {
            return schema == null ? current == null : schema.equalsIgnoreCase(current);
        }
        return schema != null && allowedSchemas.contains(schema.toLowerCase(Locale.ROOT));
    }

    private static String schemaOf(Connection c) {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    private static Set<String> spellings(String name) {
        Set<String> s = new LinkedHashSet<>();
        s.add(name);
        if (name != null) {
            s.add(name.toLowerCase(Locale.ROOT));
            s.add(name.toUpperCase(Locale.ROOT));
        }
        return s;
    }

    /** A metadata search pattern that matches {@code name} only: its {@code _} and {@code %} escaped. */
    private static String escape(String name, DatabaseMetaData md) throws SQLException {
        if (name == null) {
            return null;
        }
        String esc = md.getSearchStringEscape();
        if (esc == null || esc.isEmpty()) {
            return name;
        }
        return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }
}
