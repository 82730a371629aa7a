// archai4j's one rendering path for charts: the report and the dashboard both call archai4jCharts.render with
// the Vega-Lite specifications archai4j builds (ChartSpecs), and vega-embed draws them as SVG.
(function () {
  'use strict';
  var shown = {};   // chart id -> {json, view}

  function figure(container, chart) {
    var id = 'chart-' + chart.id;
    var fig = document.getElementById(id);
    if (!fig) {
      fig = document.createElement('figure');
      fig.id = id;
      fig.className = 'chart';
      var target = document.createElement('div');
      target.className = 'vega-target';
      var caption = document.createElement('figcaption');
      caption.textContent = chart.title;   // text, never markup
      fig.appendChild(target);
      fig.appendChild(caption);
      container.appendChild(fig);
    }
    return fig;
  }

  // The data points above which a chart is drawn on a canvas: as SVG each point is an element of the page.
  var CANVAS_ABOVE = 300;

  // The data points a Vega-Lite specification carries inline, its layers' included.
  function points(spec) {
    var n = spec.data && spec.data.values ? spec.data.values.length : 0;
    (spec.layer || []).forEach(function (layer) { n += points(layer); });
    return n;
  }

  // Draws each chart into container, redrawing only the ones whose specification changed since the last call.
  function render(container, charts) {
    charts.forEach(function (chart) {
      var json = JSON.stringify(chart.spec);
      var previous = shown[chart.id];
      if (previous && previous.json === json) {
        return;
      }
      var fig = figure(container, chart);
      var target = fig.querySelector('.vega-target');
      var renderer = points(chart.spec) > CANVAS_ABOVE ? 'canvas' : 'svg';
      vegaEmbed(target, chart.spec, {renderer: renderer, actions: false}).then(function (result) {
        if (previous && previous.view) {
          previous.view.finalize();
        }
        shown[chart.id] = {json: json, view: result.view};
        fig.setAttribute('data-rendered', 'true');
      }).catch(function (error) {
        target.textContent = 'This chart could not be drawn: ' + error;
      });
    });
  }

  window.archai4jCharts = {render: render};
})();
