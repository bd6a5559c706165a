/*
 * The NEAR page of DL4J's training UI (near-dl4j-ui). Plain JavaScript and SVG, nothing loaded from elsewhere:
 * polls /near/data and draws NEAR against iteration or epoch per session and worker, the latest record's matrices
 * and the scorer's settings.
 */
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var COLOURS = ['#3182ce', '#dd6b20', '#38a169', '#805ad5', '#d53f8c', '#319795', '#b7791f', '#e53e3e'];
  var W = 720, H = 300, M = {left: 56, right: 16, top: 12, bottom: 40};
  var xKey = 'iteration';
  var last = null;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in (attrs || {})) { e.setAttribute(k, attrs[k]); }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    for (var k in (attrs || {})) { e.setAttribute(k, attrs[k]); }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function fmt(v, digits) {
    if (v === null || v === undefined) { return 'n/a'; }
    if (typeof v !== 'number') { return String(v); }
    return Number.isInteger(v) ? String(v) : v.toFixed(digits === undefined ? 4 : digits);
  }

  /** About five round tick values from lo to hi. */
  function ticks(lo, hi, integer) {
    if (hi <= lo) { hi = lo + 1; }
    var raw = (hi - lo) / 5, mag = Math.pow(10, Math.floor(Math.log10(raw))), step = mag;
    [1, 2, 5, 10].some(function (m) { step = m * mag; return step >= raw; });
    if (integer) { step = Math.max(1, Math.round(step)); }
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) { out.push(+v.toFixed(10)); }
    return out;
  }

  function chart(session) {
    var pts = [];
    session.workers.forEach(function (w) {
      w.points.forEach(function (p) { if (p.score !== null) { pts.push(p); } });
    });
    var s = svg('svg', {'class': 'near-chart', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H,
      'data-session': session.id, 'data-x': xKey});
    if (pts.length === 0) { return s; }
    var xs = pts.map(function (p) { return p[xKey]; }), ys = pts.map(function (p) { return p.score; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    if (x1 === x0) { x1 = x0 + 1; }
    var pad = (y1 - y0) * 0.08 || Math.abs(y0) * 0.05 || 1;
    y0 -= pad; y1 += pad;
    var px = function (v) { return M.left + (v - x0) / (x1 - x0) * (W - M.left - M.right); };
    var py = function (v) { return H - M.bottom - (v - y0) / (y1 - y0) * (H - M.top - M.bottom); };
    var yTicks = ticks(y0, y1, false);
    var decimals = yTicks.length > 1 ? Math.max(0, Math.ceil(-Math.log10(yTicks[1] - yTicks[0]) - 1e-9)) : 2;
    yTicks.forEach(function (v) {
      s.appendChild(svg('line', {'class': 'grid', x1: M.left, x2: W - M.right, y1: py(v), y2: py(v)}));
      s.appendChild(svg('text', {x: M.left - 6, y: py(v) + 4, 'text-anchor': 'end'}, v.toFixed(decimals)));
    });
    ticks(x0, x1, true).forEach(function (v) {
      s.appendChild(svg('line', {'class': 'grid', x1: px(v), x2: px(v), y1: M.top, y2: H - M.bottom}));
      s.appendChild(svg('text', {x: px(v), y: H - M.bottom + 14, 'text-anchor': 'middle'}, fmt(v)));
    });
    s.appendChild(svg('line', {'class': 'axis', x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom}));
    s.appendChild(svg('line', {'class': 'axis', x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom}));
    s.appendChild(svg('text', {x: (M.left + W - M.right) / 2, y: H - 6, 'text-anchor': 'middle'}, xKey));
    s.appendChild(svg('text', {x: 14, y: (M.top + H - M.bottom) / 2, 'text-anchor': 'middle',
      transform: 'rotate(-90 14 ' + (M.top + H - M.bottom) / 2 + ')'}, 'NEAR'));
    session.workers.forEach(function (w, i) {
      var colour = COLOURS[i % COLOURS.length];
      var ps = w.points.filter(function (p) { return p.score !== null; });
      var sorted = ps.slice().sort(function (a, b) { return a[xKey] - b[xKey] || a.t - b.t; });
      s.appendChild(svg('polyline', {'class': 'near-line', fill: 'none', stroke: colour, 'stroke-width': 2,
        'data-worker': w.id,
        points: sorted.map(function (p) { return px(p[xKey]) + ',' + py(p.score); }).join(' ')}));
      ps.forEach(function (p) {
        var c = svg('circle', {'class': 'near-point', r: 4, fill: colour, cx: px(p[xKey]), cy: py(p.score),
          'data-session': session.id, 'data-worker': w.id, 'data-trigger': p.trigger, 'data-epoch': p.epoch,
          'data-iteration': p.iteration, 'data-score': String(p.score), 'data-t': p.t});
        c.appendChild(svg('title', {}, w.id + ': NEAR ' + fmt(p.score) + ' at epoch ' + p.epoch + ', iteration '
          + p.iteration + ' (' + p.trigger + ')'));
        s.appendChild(c);
      });
    });
    return s;
  }

  function table(headers, rows, cls) {
    var t = el('table', {'class': cls});
    var tr = el('tr');
    headers.forEach(function (h) { tr.appendChild(el('th', {}, h)); });
    t.appendChild(tr);
    rows.forEach(function (r) {
      var row = el('tr');
      r.forEach(function (v) { row.appendChild(el('td', typeof v === 'number' ? {'class': 'num'} : {}, fmt(v))); });
      t.appendChild(row);
    });
    return t;
  }

  function trainLink(session, multi) {
    var a = el('a', {'class': 'train-link', href: multi ? '/train/' + encodeURIComponent(session.id)
      : '/train/overview'}, 'DL4J training page of this session');
    if (!multi) {
      a.addEventListener('click', function (ev) {
        ev.preventDefault();
        fetch('/train/sessions/set/' + encodeURIComponent(session.id)).finally(function () {
          window.location.href = '/train/overview';
        });
      });
    }
    return a;
  }

  function render(data) {
    var main = document.getElementById('near-sessions');
    main.textContent = '';
    if (!data.sessions.length) {
      main.appendChild(el('p', {'class': 'empty'}, 'No NEAR records in the attached StatsStorage yet: give '
        + 'NearListener a NearStatsSink writing to a storage attached to this UI.'));
      return;
    }
    data.sessions.forEach(function (session) {
      var sec = el('section', {'class': 'session', 'data-session': session.id});
      sec.appendChild(el('h2', {}, 'Session ' + session.id));
      var n = session.workers.reduce(function (a, w) { return a + w.points.length; }, 0);
      var rec = session.latest ? session.latest.record : null;
      var summary = el('p', {'class': 'summary'}, n + ' records from ' + session.workers.length
        + (session.workers.length === 1 ? ' worker' : ' workers')
        + (rec ? '; latest NEAR ' + fmt(rec.score) + ' at epoch ' + rec.epoch + ', iteration ' + rec.iteration
          + ' (' + session.latest.worker + '). ' : '. '));
      if (session.training) { summary.appendChild(trainLink(session, data.multiSession)); }
      sec.appendChild(summary);
      var legend = el('div', {'class': 'legend'}, 'workers:');
      session.workers.forEach(function (w, i) {
        legend.appendChild(el('span', {'class': 'swatch', style: 'background:' + COLOURS[i % COLOURS.length]}));
        legend.appendChild(el('span', {'class': 'worker', 'data-worker': w.id}, w.id + ' (' + w.points.length + ')'));
      });
      sec.appendChild(legend);
      sec.appendChild(chart(session));
      if (rec) {
        var cols = el('div', {'class': 'columns'});
        var left = el('div');
        left.appendChild(el('h3', {}, 'Latest record: matrices'));
        left.appendChild(table(['layer', 'type', 'matrix', 'rows', 'cols', 'effective rank'],
          (rec.matrices || []).map(function (m) {
            return [m.layer, m.type, m.kind, m.rows, m.cols, m.effectiveRank];
          }), 'near-matrices'));
        cols.appendChild(left);
        var right = el('div');
        right.appendChild(el('h3', {}, 'Scorer settings'));
        var p = rec.provenance || {};
        var settings = [['trigger', rec.trigger], ['epoch', rec.epoch], ['iteration', rec.iteration],
          ['score', rec.score]];
        ['repetitions', 'seed', 'blockMode', 'maxSamples', 'rankMethod', 'samples', 'elapsedSeconds', 'backend',
          'device', 'version'].forEach(function (k) { if (p[k] !== undefined) { settings.push([k, p[k]]); } });
        right.appendChild(table(['setting', 'value'], settings, 'near-settings'));
        if (rec.warnings && rec.warnings.length) {
          right.appendChild(el('h3', {}, 'Warnings'));
          rec.warnings.forEach(function (w) { right.appendChild(el('p', {'class': 'warning'}, w)); });
        }
        cols.appendChild(right);
        sec.appendChild(cols);
      }
      main.appendChild(sec);
    });
  }

  function refresh() {
    fetch('/near/data', {cache: 'no-store'}).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    }).then(function (data) {
      last = data;
      render(data);
      document.getElementById('near-status').textContent = 'updated ' + new Date().toLocaleTimeString();
    }).catch(function (e) {
      document.getElementById('near-status').textContent = 'cannot read /near/data: ' + e.message;
    });
  }

  function choose(key) {
    xKey = key;
    document.getElementById('near-x-iteration').className = key === 'iteration' ? 'selected' : '';
    document.getElementById('near-x-epoch').className = key === 'epoch' ? 'selected' : '';
    if (last) { render(last); }
  }

  document.getElementById('near-x-iteration').addEventListener('click', function () { choose('iteration'); });
  document.getElementById('near-x-epoch').addEventListener('click', function () { choose('epoch'); });
  if (window.location.hash === '#epoch') { choose('epoch'); }
  refresh();
  setInterval(refresh, 2000);
}());
