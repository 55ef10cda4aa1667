package dev.remotestore.sql.format;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Column names for formats that need them unique: a repeated name gets {@code _2}, {@code _3}, ... */
final class Names {
    private Names() {}

    static List<String> unique(ResultSchema schema) {
        Set<String> taken = new HashSet<>();
        for (Column c : schema.columns()) {
            taken.add(c.name());
        }
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Column c : schema.columns()) {
            String name = c.name().isEmpty() ? "column" : c.name();
            if (!used.add(name)) {
                int n = 2;
                while (taken.contains(name + "_" + n) || used.contains(name + "_" + n)) {
                    n++;
                }
                name = name + "_" + n;
                used.add(name);
            }
            names.add(name);
        }
        return names;
    }
}
