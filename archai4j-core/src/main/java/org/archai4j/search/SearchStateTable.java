package org.archai4j.search;

import java.util.List;

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

    /** As pandas writes it with {@code to_csv(index=False)}: floats as Python reprs, NaN and None empty. */
    public String toCsv() {
        StringBuilder out = new StringBuilder(String.join(",", columns)).append('\n');
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(SearchResults.csvCell(row.get(i)));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
