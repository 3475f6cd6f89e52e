package dev.clockscope.analysis.report;

/** HTML escaping for the report's sections. */
final class HtmlText {
    private HtmlText() {
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
