package dev.trainctl.training.report;

import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * The pieces of a self-contained page: text escaping, tables, images as {@code data:} URIs and inline CSS. A
 * report page references nothing outside itself, so it opens offline and can be mailed or archived as one file.
 */
final class Html {

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   margin: 2rem auto; max-width: 1320px; padding: 0 1rem; color: #222; line-height: 1.45; }
            h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
            h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
            .summary { font-size: 1.1rem; }
            .muted { color: #666; }
            img { max-width: 100%; height: auto; border: 1px solid #eee; }
            table { border-collapse: collapse; margin: 0.5rem 0; font-variant-numeric: tabular-nums; }
            th, td { padding: 0.25rem 0.8rem; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
            th { background: #f6f6f6; }
            td.number { text-align: right; }
            code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em;
                   background: #f6f6f6; padding: 0 0.2rem; word-break: break-all; }
            .differs { background: #fff4d6; }
            """;

    private Html() {}

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n" + body
                + "</body>\n</html>\n";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    static String heading(String text) {
        return "<h2>" + escape(text) + "</h2>\n";
    }

    static String paragraph(String escapedHtml) {
        return "<p>" + escapedHtml + "</p>\n";
    }

    static String code(String text) {
        return "<code>" + escape(text) + "</code>";
    }

    /** The PNG inline, as a {@code data:} URI. */
    static String image(byte[] png, String alt) {
        return "<p><img alt=\"" + escape(alt) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\"></p>\n";
    }

    /** A table with a header row; cells are escaped, and a cell that reads as a number is right-aligned. */
    static String table(List<String> header, List<List<String>> rows) {
        return table(header, rows, row -> false);
    }

    /** As {@link #table(List, List)}, with the rows {@code highlight} picks marked (where two models differ). */
    static String table(List<String> header, List<List<String>> rows, Predicate<List<String>> highlight) {
        StringBuilder html = new StringBuilder("<table>\n<tr>");
        header.forEach(cell -> html.append("<th>").append(escape(cell)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append(highlight.test(row) ? "<tr class=\"differs\">" : "<tr>");
            for (String cell : row) {
                html.append(isNumber(cell) ? "<td class=\"number\">" : "<td>").append(escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    /** Name/value rows, the name as a row header. */
    static String facts(List<List<String>> rows) {
        StringBuilder html = new StringBuilder("<table>\n");
        for (List<String> row : rows) {
            html.append("<tr><th scope=\"row\">").append(escape(row.get(0))).append("</th><td>")
                    .append(escape(row.get(1))).append("</td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static boolean isNumber(String cell) {
        return cell.matches("[-+]?[0-9][0-9,]*(\\.[0-9]+)?([eE][-+]?[0-9]+)?( s)?");
    }
}
