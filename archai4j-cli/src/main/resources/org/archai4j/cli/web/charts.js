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

  // The size of a chart's specification (its data inlined) above which it is drawn on a canvas.
  var LARGE_SPEC = 400000;

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
      // A chart of thousands of points is drawn on a canvas: as SVG each point is an element, and a run of 20,000
      // evaluations made a page too large to render quickly.
      var renderer = json.length > LARGE_SPEC ? 'canvas' : 'svg';
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
