// The dashboard's pages. Everything a run holds (names, parameters, values) is put in the page as text through
// textContent, never as markup; the charts are archai4j's Vega-Lite specifications (charts.js).
(function () {
  'use strict';
  var page = document.body.getAttribute('data-page');
  var params = new URLSearchParams(location.search);

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function link(href, text) { var a = el('a', text); a.href = href; return a; }
  function num(v) {
    if (v === null || v === undefined || v === '') { return ''; }
    if (typeof v !== 'number') { return String(v); }
    if (Number.isInteger(v) && Math.abs(v) >= 1000) { return v.toLocaleString('en'); }
    return Math.abs(v) >= 100 ? v.toFixed(1) : Number(v.toPrecision(4)).toString();
  }
  function getJson(url) {
    return fetch(url, {cache: 'no-store'}).then(function (r) {
      if (!r.ok) { return r.text().then(function (t) { throw new Error(t || r.statusText); }); }
      return r.json();
    });
  }
  function poll(url, draw, every) {
    function once() {
      getJson(url).then(function (data) {
        document.getElementById('error').textContent = '';
        draw(data);
      }).catch(function (e) {
        document.getElementById('error').textContent = 'Cannot reach the dashboard: ' + e.message;
      });
    }
    once();
    if (every) { setInterval(once, every); }
  }
  function table(container, columns, rows, sortable) {
    container.textContent = '';
    var t = el('table');
    var head = t.createTHead().insertRow();
    columns.forEach(function (c, i) {
      var th = el('th', c.title);
      if (sortable) {
        th.className = 'sortable';
        th.addEventListener('click', function () { sortBy(t, i, th); });
      }
      head.appendChild(th);
    });
    var body = t.createTBody();
    rows.forEach(function (r) {
      var tr = body.insertRow();
      if (r.key) { tr.setAttribute('data-key', r.key); }
      columns.forEach(function (c) {
        var td = tr.insertCell();
        var v = c.value(r);
        if (v instanceof Node) { td.appendChild(v); } else { td.textContent = c.num ? num(v) : (v === null || v === undefined ? '' : String(v)); }
        if (c.num) { td.className = 'num'; td.setAttribute('data-sort', v === null || v === undefined ? '' : v); }
      });
    });
    container.appendChild(t);
    return t;
  }
  function sortBy(t, i, th) {
    var body = t.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var down = th.getAttribute('data-order') !== 'down';
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute('data-order'); });
    th.setAttribute('data-order', down ? 'down' : 'up');
    rows.sort(function (a, b) {
      var x = a.cells[i].getAttribute('data-sort'), y = b.cells[i].getAttribute('data-sort');
      var p = x !== null && x !== '' ? parseFloat(x) : NaN, q = y !== null && y !== '' ? parseFloat(y) : NaN;
      var c = !isNaN(p) && !isNaN(q) ? p - q : a.cells[i].textContent.localeCompare(b.cells[i].textContent);
      return down ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function runHref(id) { return '/run?id=' + encodeURIComponent(id); }
  function modelHref(id, archid) {
    return '/model?id=' + encodeURIComponent(id) + '&archid=' + encodeURIComponent(archid);
  }

  function runsPage() {
    var compare = document.getElementById('compare');
    poll('/api/runs', function (runs) {
      document.getElementById('count').textContent = runs.length + (runs.length === 1 ? ' run' : ' runs');
      var cols = [
        {title: '', value: function (r) { var c = el('input'); c.type = 'checkbox'; c.value = r.id; c.className = 'pick'; return c; }},
        {title: 'run', value: function (r) { return link(runHref(r.id), r.id); }},
        {title: 'status', value: function (r) { return el('span', r.status, 'status ' + r.status); }},
        {title: 'algorithm', value: function (r) { return r.algorithm; }},
        {title: 'objectives', value: function (r) { return r.objectives.join(', '); }},
        {title: 'evaluations', num: true, value: function (r) { return r.evaluations; }},
        {title: 'failures', num: true, value: function (r) { return r.failures; }},
        {title: 'best', value: function (r) {
          return r.best.map(function (b) { return b.objective + ' ' + num(b.value); }).join(', '); }},
        {title: 'best test accuracy', num: true, value: function (r) { return r.best_test_accuracy; }},
        {title: 'wall time (s)', num: true, value: function (r) { return r.wall_seconds; }},
        {title: 'last activity', value: function (r) { return r.last_activity; }}
      ];
      var checked = Array.prototype.map.call(document.querySelectorAll('input.pick:checked'), function (c) { return c.value; });
      table(document.getElementById('runs'), cols, runs.map(function (r) { r.key = r.id; return r; }), true);
      Array.prototype.forEach.call(document.querySelectorAll('input.pick'), function (c) {
        c.checked = checked.indexOf(c.value) >= 0;
      });
    }, 3000);
    compare.addEventListener('click', function () {
      var ids = Array.prototype.map.call(document.querySelectorAll('input.pick:checked'), function (c) { return c.value; });
      if (ids.length < 2) { document.getElementById('error').textContent = 'Tick two or more runs to compare them.'; return; }
      location.href = '/compare?' + ids.map(function (i) { return 'id=' + encodeURIComponent(i); }).join('&');
    });
  }

  function runPage() {
    var id = params.get('id');
    document.getElementById('title').textContent = id;
    poll('/api/run?id=' + encodeURIComponent(id), function (run) {
      document.title = 'archai4j: ' + run.name;
      var summary = document.getElementById('summary');
      summary.textContent = '';
      [['status', run.status], ['algorithm', run.algorithm], ['evaluations', run.evaluations],
       ['failures', run.failures], ['Pareto models', run.pareto.length], ['wall time (s)', num(run.wall_seconds)],
       ['last activity', run.last_activity]].forEach(function (kv) {
        summary.appendChild(el('dt', kv[0]));
        var dd = el('dd', kv[1]);
        if (kv[0] === 'status') { dd.className = 'status ' + kv[1]; }
        if (kv[0] === 'evaluations') { dd.id = 'evaluation-count'; }
        summary.appendChild(dd);
      });
      var objectiveCols = run.objectives.map(function (o, k) {
        return {title: o.name + (o.higher_is_better ? ' \u2191' : ' \u2193'), num: true, value: function (m) { return m.values[k]; }};
      });
      var archidCol = {title: 'archid', value: function (m) { return link(modelHref(id, m.archid), m.archid.substring(0, 12)); }};
      if (run.finals.length) {
        document.getElementById('finals-section').hidden = false;
        table(document.getElementById('finals'), [archidCol,
          {title: 'test accuracy', num: true, value: function (m) { return m.test_accuracy; }},
          {title: 'validation accuracy', num: true, value: function (m) { return m.validation_accuracy; }},
          {title: 'parameters', num: true, value: function (m) { return m.parameters; }},
          {title: 'latency (ms)', num: true, value: function (m) { return m.latency_ms; }},
          {title: 'training (s)', num: true, value: function (m) { return m.train_seconds; }}],
          run.finals.map(function (m) { m.key = m.archid; return m; }), true);
      }
      table(document.getElementById('pareto'), [archidCol].concat(objectiveCols),
        run.pareto.map(function (m) { m.key = m.archid; return m; }), true);
      archai4jCharts.render(document.getElementById('charts'), run.charts);
    }, 1500);
  }

  function modelPage() {
    var id = params.get('id'), archid = params.get('archid');
    document.getElementById('title').textContent = archid;
    document.getElementById('back').href = runHref(id);
    document.getElementById('back').textContent = 'run ' + id;
    poll('/api/model?id=' + encodeURIComponent(id) + '&archid=' + encodeURIComponent(archid), function (m) {
      var values = document.getElementById('values');
      values.textContent = '';
      m.objectives.forEach(function (o, k) {
        values.appendChild(el('dt', o.name));
        values.appendChild(el('dd', num(m.values[k])));
      });
      values.appendChild(el('dt', 'on the Pareto frontier'));
      values.appendChild(el('dd', m.pareto ? 'yes' : 'no'));
      if (m.error) { values.appendChild(el('dt', 'failure')); values.appendChild(el('dd', m.error)); }
      if (m.final) {
        values.appendChild(el('dt', 'final test accuracy'));
        values.appendChild(el('dd', num(m.final.test_accuracy) + ' after ' + num(m.final.epochs) + ' epochs'));
      }
      document.getElementById('config').textContent = m.config ? JSON.stringify(m.config, null, 2)
        : 'Not recorded yet: configs are written when an iteration ends.';
      var used = m.parameters ? Object.keys(m.parameters).map(function (k) { return {key: k, value: m.parameters[k]}; }) : [];
      table(document.getElementById('parameters'), [
        {title: 'parameter (the ones the network uses)', value: function (p) { return p.key; }},
        {title: 'value', value: function (p) { return typeof p.value === 'number' ? num(p.value) : String(p.value); }}], used, false);
      var files = document.getElementById('files');
      files.textContent = '';
      m.files.forEach(function (f) {
        var li = el('li');
        li.appendChild(link('/file?id=' + encodeURIComponent(id) + '&path=' + encodeURIComponent(f), f));
        files.appendChild(li);
      });
      var exp = document.getElementById('export');
      exp.textContent = m.files.length ? 'archai4j export ' + m.run_directory + ' ' + archid.substring(0, 12) + ' --out model'
        : 'No saved weights for this model (only final and Pareto models keep theirs).';
      var lineage = document.getElementById('lineage');
      lineage.textContent = '';
      if (!m.lineage) {
        lineage.textContent = 'Not recorded yet: lineage is written with the configs, when an iteration ends.';
      } else {
        lineage.appendChild(document.createTextNode(m.lineage.parents.length ? 'Bred by ' + m.lineage.bred + ' of ' : 'A ' + m.lineage.bred + '.'));
        m.lineage.parents.forEach(function (p, i) {
          if (i > 0) { lineage.appendChild(document.createTextNode(' and ')); }
          lineage.appendChild(link(modelHref(id, p), p.substring(0, 12)));
        });
      }
      var children = document.getElementById('children');
      children.textContent = m.children.length ? 'Its offspring: ' : 'No offspring evaluated.';
      m.children.forEach(function (c, i) {
        if (i > 0) { children.appendChild(document.createTextNode(', ')); }
        children.appendChild(link(modelHref(id, c), c.substring(0, 12)));
      });
      var curve = document.getElementById('curve');
      if (!m.curve) {
        curve.textContent = m.final ? 'This final model was trained before archai4j recorded curves.'
          : 'Only final models have one: the search trains each candidate in one go.';
      }
      if (m.curve) { archai4jCharts.render(curve, [m.curve]); }
    }, 0);
  }

  function comparePage() {
    var ids = params.getAll('id');
    document.getElementById('title').textContent = ids.join(' \u00b7 ');
    poll('/api/compare?' + ids.map(function (i) { return 'id=' + encodeURIComponent(i); }).join('&'), function (data) {
      archai4jCharts.render(document.getElementById('charts'), data.charts);
    }, 3000);
  }

  ({runs: runsPage, run: runPage, model: modelPage, compare: comparePage})[page]();
})();
