package org.archai4j.search;

import java.util.List;
import org.archai4j.python.PyFloat;

/**
 * The search-state table of {@link SearchResults}: column names and rows of cells (doubles, strings,
 * integers, booleans or {@code null}).
 *
 * @param columns the column names, in order
 * @param rows one list of cells per evaluated model, in iteration order
 */
public record SearchStateTable(List<String> columns, List<List<Object>> rows) {
    /** The values of one column, in row order. */
    public List<Object> column(String name) {
        int k = columns.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("no column '" + name + "'; columns are " + columns);
        }
        return rows.stream().map(r -> r.get(k)).toList();
    }

    /**
     * As pandas writes it with {@code to_csv(index=False)}: floats as Python reprs, NaN and None empty, and a cell
     * or column name holding a comma, a quote or a line break quoted (RFC 4180).
     */
    public String toCsv() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            out.append(i > 0 ? "," : "").append(csvCell(columns.get(i))); // names may hold any character
        }
        out.append('\n');
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(csvCell(row.get(i)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A cell as pandas writes it: Python's repr of a cell's value (empty for null and NaN). */
    private static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return d.isNaN() ? "" : PyFloat.repr(d);
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        String s = value.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
