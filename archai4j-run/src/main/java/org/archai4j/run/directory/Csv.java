package org.archai4j.run.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the search-state CSV as RFC 4180 (and Python's csv dialect) write it: commas, double quotes around a cell
 * that holds a comma, a quote or a line break, doubled quotes inside. Hand-written because it is a dozen lines and
 * the report module carries no other CSV need.
 */
final class Csv {
    private Csv() {
    }

    /** Every record of {@code text}, a line break inside quotes staying in its cell; blank lines skipped. */
    static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    cells.add(cell.toString());
                    records.add(cells);
                }
                cells = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (any || cell.length() > 0) {
            cells.add(cell.toString());
            records.add(cells);
        }
        return records;
    }
}
