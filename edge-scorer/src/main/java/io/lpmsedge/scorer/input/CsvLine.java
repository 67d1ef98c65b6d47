package io.lpmsedge.scorer.input;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line on commas, honouring double quotes (RFC 4180 style, {@code ""} inside quotes); enough for
 * spreadsheet and LpmsControl exports, which never put line breaks inside a field.
 */
public final class CsvLine {
    private CsvLine() {}

    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString().strip());
        return out;
    }

    /** A number cell; empty and {@code NaN} give NaN (a missing value, as H2O treats it). */
    static double number(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }
}
