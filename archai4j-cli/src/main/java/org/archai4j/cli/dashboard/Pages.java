package org.archai4j.cli.dashboard;

/**
 * The dashboard's HTML pages: fixed shells that {@code dashboard.js} fills from the JSON API. They hold no data
 * of a run, so nothing a run contains can reach them as markup.
 */
final class Pages {
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:1.5em 2em;color:#222}
            h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin-top:1.6em}
            a{color:#1f618d}nav{margin-bottom:1em;color:#666}nav a{margin-right:1em}
            table{border-collapse:collapse;margin:.5em 0}th,td{padding:.25em .6em;border-bottom:1px solid #e5e5e5;text-align:left}
            th.sortable{cursor:pointer;user-select:none}th[data-order=down]::after{content:' \\25BC'}th[data-order=up]::after{content:' \\25B2'}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{color:#666}dd{margin:0}
            .status{font-weight:600}.status.running{color:#1e8449}.status.failed{color:#c0392b}.status.interrupted{color:#b9770e}
            #charts{display:flex;flex-wrap:wrap;gap:1.2em}figure.chart{margin:0}figcaption{color:#555;font-size:.9em}
            #error{color:#c0392b}pre{background:#f7f7f7;padding:.8em;overflow:auto;max-height:28em}
            .muted{color:#777}button{margin:.5em 0}
            """;

    private Pages() {
    }

    private static String page(String kind, String title, String body) {
        return "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>" + title + "</title><style>"
                + STYLE + "</style></head><body data-page='" + kind + "'><nav><a href='/'>all runs</a>"
                + "<span class='muted'>archai4j dashboard</span></nav><div id='error'></div>" + body
                + "<script src='/static/vega.min.js'></script><script src='/static/vega-lite.min.js'></script>"
                + "<script src='/static/vega-embed.min.js'></script><script src='/static/charts.js'></script>"
                + "<script src='/static/dashboard.js'></script></body></html>";
    }

    static final String RUNS = page("runs", "archai4j: runs", """
            <h1>Runs</h1><p class='muted'><span id='count'></span>; click a column to sort, tick runs to compare.</p>
            <div id='runs'></div><button id='compare'>Compare the ticked runs</button>""");

    static final String RUN = page("run", "archai4j: run", """
            <h1 id='title'></h1><dl id='summary'></dl>
            <section id='finals-section' hidden><h2>Final models (trained on all the data, measured on the test split)</h2>
            <div id='finals'></div></section>
            <h2>Pareto models</h2><div id='pareto'></div>
            <h2>Charts</h2><p class='muted'>They follow the search as it runs. Hover a point for its archid and values;
            red: the Pareto models, blue rings: the final ones.</p><div id='charts'></div>""");

    static final String MODEL = page("model", "archai4j: model", """
            <p><a id='back'></a></p><h1 id='title'></h1><dl id='values'></dl>
            <h2>Architecture</h2><div id='parameters'></div>
            <details><summary>the config file</summary><pre id='config'></pre></details>
            <h2>Training curve</h2><div id='curve'></div>
            <h2>Files</h2><ul id='files'></ul><p>Export it: <code id='export'></code></p>
            <h2>Lineage</h2><p id='lineage'></p><p id='children'></p>""");

    static final String COMPARE = page("compare", "archai4j: compare runs", """
            <h1>Compare: <span id='title'></span></h1><div id='charts'></div>""");
}
