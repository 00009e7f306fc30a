/* The report's script (inlined into the page at build time): draws the charts from the figures JSON,
   makes the tables sortable and searchable, and fills a council's page (#council/<code>) from the
   council data. Charts adapt to narrow screens: a figure's layout.meta.narrow ({layout, traces}) is
   merged in below NARROW px, and the council charts wrap their labels. No toolbar (modebar): it
   covered the chart titles; zoom by dragging, double-click to reset. */
(function () {
  var NARROW = 700;
  var config = {responsive: true, displaylogo: false, displayModeBar: false};
  var demo = document.body.getAttribute('data-demo') === 'true';
  function isNarrow() { return document.documentElement.clientWidth < NARROW; }
  function isObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
  function merge(base, extra) {   // deep merge of plain objects; arrays and values of extra replace
    var out = {};
    Object.keys(base || {}).forEach(function (k) { out[k] = base[k]; });
    Object.keys(extra || {}).forEach(function (k) {
      out[k] = isObject(out[k]) && isObject(extra[k]) ? merge(out[k], extra[k]) : extra[k];
    });
    return out;
  }
  // every chart of a demo build says so, in case it is copied on its own
  function watermark(layout) {
    if (!demo) return layout;
    var mark = {text: 'DEMO DATA', xref: 'paper', yref: 'paper', x: 0.5, y: 0.5, showarrow: false, textangle: -20,
                font: {size: isNarrow() ? 22 : 34, color: 'rgba(179, 143, 0, 0.22)'}};
    return merge(layout, {annotations: (layout.annotations || []).concat([mark])});
  }
  function figureFor(figure, narrow) {
    var meta = (figure.layout.meta || {}).narrow || {};
    var layout = merge(figure.layout, {meta: null});
    var data = figure.data;
    if (narrow) {
      layout = merge(layout, meta.layout || {});
      if (meta.traces) data = data.map(function (trace) { return merge(trace, meta.traces); });
    }
    return {data: data, layout: watermark(layout)};
  }

  // global charts
  var figures = JSON.parse(document.getElementById('figures').textContent);
  var drawn = 0, narrowNow = isNarrow();
  Object.keys(figures).forEach(function (id) {
    var el = document.getElementById('chart-' + id);
    if (!el) { window.__recordReportError('no element for chart ' + id); return; }
    var f = figureFor(figures[id], narrowNow);
    Plotly.newPlot(el, f.data, f.layout, config); drawn += 1;
  });
  document.getElementById('report-status').setAttribute('data-charts', String(drawn));
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      if (isNarrow() === narrowNow) return;
      narrowNow = isNarrow();
      Object.keys(figures).forEach(function (id) {
        var el = document.getElementById('chart-' + id), f = figureFor(figures[id], narrowNow);
        if (el) Plotly.react(el, f.data, f.layout, config);
      });
      var shown = document.getElementById('council').getAttribute('data-code');
      if (shown) showCouncil(shown);
    }, 150);
  });

  // sortable, searchable tables
  function sortValue(td, type) {
    if (!td) return null;
    if (type === 'num') { var v = td.getAttribute('data-sort'); return v === null || v === '' ? null : parseFloat(v); }
    return td.textContent.trim().toLowerCase();
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var headers = table.querySelectorAll('thead th');
    headers.forEach(function (th, index) {
      function sort() {
        var type = th.getAttribute('data-type');
        var asc = !th.classList.contains('asc');
        headers.forEach(function (h) { h.classList.remove('asc', 'desc'); });
        th.classList.add(asc ? 'asc' : 'desc');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortValue(a.cells[index], type), y = sortValue(b.cells[index], type);
          if (x === null && y === null) return 0; if (x === null) return 1; if (y === null) return -1;
          return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
    });
  });
  document.querySelectorAll('input.table-search').forEach(function (input) {
    input.addEventListener('input', function () {
      var table = document.getElementById(input.getAttribute('data-table'));
      var q = input.value.trim().toLowerCase(), shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var hit = !q || row.textContent.toLowerCase().indexOf(q) >= 0;
        row.style.display = hit ? '' : 'none'; if (hit) shown += 1;
      });
      document.querySelector('.row-count[data-table="' + table.id + '"]').textContent = shown + ' rows';
    });
  });

  // council sections: #council/<code>
  var C = JSON.parse(document.getElementById('council-data').textContent);
  var picker = document.getElementById('council-select');
  Object.keys(C.authorities).sort(function (a, b) {
    return C.authorities[a][0].localeCompare(C.authorities[b][0]);
  }).forEach(function (code) {
    var o = document.createElement('option'); o.value = code; o.textContent = C.authorities[code][0] + ' (' + code + ')';
    picker.appendChild(o);
  });
  picker.addEventListener('change', function () { location.hash = 'council/' + picker.value; });
  function fmt(v) { return v === null || v === undefined ? '' : (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)); }
  function text(tag, content, cls) { var e = document.createElement(tag); e.textContent = content; if (cls) e.className = cls; return e; }
  function wrap(label, width) {   // a label broken over lines of about width characters
    var lines = [], line = '';
    String(label).split(' ').forEach(function (word) {
      if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; }
      else { line = line ? line + ' ' + word : word; }
    });
    lines.push(line); return lines.join('<br>');
  }
  function percent(v) { return (v > 0 ? '+' : '') + Math.round(v).toLocaleString('en-GB') + '%'; }
  var FONT = {family: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', size: 12};
  function baseLayout(extra) {
    return watermark(merge({font: FONT, paper_bgcolor: '#fff', plot_bgcolor: '#fff', showlegend: false,
                            xaxis: {automargin: true, gridcolor: '#e5e9ee', zerolinecolor: '#9aa5b1'},
                            yaxis: {automargin: true, gridcolor: '#e5e9ee'}}, extra));
  }
  var CAP = 100;   // indicator bars beyond +-CAP % are cut at the edge and labelled with their value
  function showCouncil(code) {
    var a = C.authorities[code]; if (!a) return;
    var narrow = isNarrow();
    picker.value = code;
    var ranks = C.ranks[code] || {}, latest = ranks[String(C.edition)] || {o: null, l: [], q: null};
    var head = document.getElementById('council-title');
    head.textContent = a[0] + ' '; head.appendChild(text('small', code + ' · ' + a[1] + ' · ' + a[2] + (C.demo ? ' · fictional demo council' : '')));
    var summary = document.getElementById('council-summary');
    summary.textContent = !a[3] ? 'Not ranked by the index.' :
      (latest.o ? 'Overall rank ' + latest.o + ' in the ' + C.edition + ' edition' + (latest.q ? ' (' + latest.q + ').' : '.')
                : 'No overall rank in the ' + C.edition + ' edition (fewer than 5 ranked lenses).');
    var interval = C.intervals && C.intervals[code] ? C.intervals[code][0] : null;
    if (interval && latest.o) {
      summary.textContent += ' 90% interval over the method\'s judgement calls: ' + interval[0] + '\u2013' + interval[1] +
        ' (median ' + interval[2] + ').';
    }
    showAnalysis(code);
    // lens ranks: a bar from the last place of the lens to the council's rank, so a longer bar is a better rank
    var lensRanks = C.lenses.map(function (l, i) { return latest.l ? latest.l[i] : null; });
    var last = Math.max.apply(null, C.lensRanked.concat([1]));
    var labels = C.lensNames.map(function (name, i) {
      var r = lensRanks[i];
      return wrap(name, narrow ? 18 : 34) + '<br><b>' + (r === null ? 'no rank' : 'rank ' + r + ' of ' + C.lensRanked[i]) + '</b>';
    });
    Plotly.react('council-lens-ranks', [{type: 'bar', orientation: 'h', y: labels, base: lensRanks.map(function (r, i) { return r === null ? null : C.lensRanked[i] + 0.5; }),
      x: lensRanks.map(function (r, i) { return r === null ? null : r - (C.lensRanked[i] + 0.5); }),
      customdata: lensRanks.map(function (r, i) { return r === null ? 'no rank' : 'rank ' + r + ' of ' + C.lensRanked[i]; }),
      marker: {color: lensRanks.map(function (r, i) { var n = C.lensRanked[i]; return r === null ? '#ccc' : r <= n / 3 ? '#1a9850' : r <= 2 * n / 3 ? '#fdae61' : '#d73027'; })},
      hovertemplate: '%{customdata}<extra></extra>'}],
      baseLayout({height: 60 * C.lenses.length + 70, margin: {l: 10, r: 16, t: 10, b: 40},
       xaxis: {title: {text: narrow ? 'rank (1 = best, at the right)' : 'rank (1 = most productive, at the right)'}, range: [last + 0.5, 0.5], zeroline: false},
       yaxis: {autorange: 'reversed', tickfont: {size: narrow ? 10 : 11}}}), config);
    // indicator values against England, coloured by polarity; far-off values capped and labelled
    var rows = (C.values[code] || []).slice().sort(function (x, y) {
      var lx = C.lenses.indexOf(C.indicators[x[0]] ? C.indicators[x[0]][1] : ''), ly = C.lenses.indexOf(C.indicators[y[0]] ? C.indicators[y[0]][1] : '');
      return lx - ly || (x[0] < y[0] ? -1 : 1);
    });
    var names = [], shown = [], colours = [], hovers = [], labelsOut = [];
    var tbody = document.querySelector('#council-values tbody'); tbody.innerHTML = '';
    rows.forEach(function (r) {
      var ind = C.indicators[r[0]] || [r[0], '', '', 0], value = r[1], ref = r[2];
      var diff = (value === null || ref === null || ref === 0) ? null : (value - ref) / Math.abs(ref) * 100;
      var better = diff === null || ind[3] === 0 ? 0 : (diff * ind[3] > 0 ? 1 : diff * ind[3] < 0 ? -1 : 0);
      var refName = r[3] === 'E' ? 'England' : 'median of ranked councils';
      var capped = diff !== null && Math.abs(diff) > CAP;
      names.push(wrap(ind[0], narrow ? 30 : 60));
      shown.push(diff === null ? null : capped ? (diff > 0 ? CAP : -CAP) : Math.round(diff * 10) / 10);
      labelsOut.push(capped ? percent(diff) + ' \u25B8' : '');   // the value, and an arrow: the bar goes on
      colours.push(better > 0 ? '#1a9850' : better < 0 ? '#d73027' : '#999');
      hovers.push(ind[0] + '<br>' + fmt(value) + ' ' + ind[2] + ' vs ' + refName + ' ' + fmt(ref) +
                  (diff === null ? '' : '<br>' + percent(diff) + ' against it') +
                  '<br>' + (ind[3] > 0 ? 'higher is better' : 'lower is better'));
      var tr = document.createElement('tr');
      [ind[0], C.lensNames[C.lenses.indexOf(ind[1])] || ind[1], r[4], fmt(value), fmt(ref) + (r[3] === 'E' ? '' : ' (median)'), ind[2],
       better > 0 ? 'better' : better < 0 ? 'worse' : '-'].forEach(function (v, i) {
        var td = text('td', v); if (i === 3 || i === 4) td.className = 'num'; if (i === 6) td.className = v === '-' ? '' : v; tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    var lines = Math.max.apply(null, names.map(function (n) { return n.split('<br>').length; }).concat([1]));
    var rowHeight = Math.max(22, lines * (narrow ? 11 : 12) + 9);
    var extent = Math.max.apply(null, shown.filter(function (v) { return v !== null; }).map(Math.abs).concat([10]));
    var anyCapped = labelsOut.some(function (t) { return t; });
    var edge = anyCapped ? CAP * 1.02 : extent * 1.08;
    Plotly.react('council-indicators', [{type: 'bar', orientation: 'h', y: names, x: shown,
      marker: {color: colours}, text: labelsOut, textposition: 'inside', insidetextanchor: 'end',
      textfont: {color: '#fff', size: 12, weight: 'bold'}, cliponaxis: false,
      hovertext: hovers, hoverinfo: 'text'}],
      baseLayout({height: Math.max(300, rowHeight * names.length + 70), margin: {l: 10, r: 16, t: 10, b: 40},
       xaxis: {title: {text: narrow ? '% against England' : '% above (+) or below (-) England'}, zeroline: true, range: [-edge, edge]},
       yaxis: {autorange: 'reversed', tickfont: {size: narrow ? 9 : 10}}}), config);
    // rank history
    var editions = C.editions.map(String), traces = [];
    traces.push({type: 'scatter', mode: 'lines+markers', name: 'overall', x: editions, line: {width: 4, color: '#14314f'},
                 y: editions.map(function (e) { return ranks[e] ? ranks[e].o : null; })});
    C.lenses.forEach(function (l, i) {
      traces.push({type: 'scatter', mode: 'lines+markers', name: C.lensNames[i], x: editions, line: {width: 1.5},
                   y: editions.map(function (e) { return ranks[e] && ranks[e].l ? ranks[e].l[i] : null; })});
    });
    Plotly.react('council-history', traces, baseLayout({height: narrow ? 470 : 360, showlegend: true,
      legend: narrow ? {orientation: 'h', x: 0, xanchor: 'left', y: -0.2, yanchor: 'top'} : {},
      margin: {l: 10, r: 10, t: 10, b: 40},
      yaxis: {autorange: 'reversed', zeroline: false, title: {text: 'rank (1 = most productive)'}}, xaxis: {type: 'category', title: {text: 'edition'}}}), config);
    document.getElementById('council').setAttribute('data-code', code);
  }
  // the analysis marts on a council's page (blocks absent when the warehouse has no analysis marts)
  function cells(tr, values, numeric) {
    values.forEach(function (v, i) { tr.appendChild(text('td', v === null || v === undefined ? '' : String(v), numeric.indexOf(i) >= 0 ? 'num' : '')); });
    return tr;
  }
  function showBlock(id, rows) {
    var block = document.getElementById(id); if (!block) return null;
    block.style.display = rows ? '' : 'none';
    var tbody = block.querySelector('tbody'); tbody.innerHTML = ''; return tbody;
  }
  function showAnalysis(code) {
    var keys = ['overall'].concat(C.lenses), names = ['Overall'].concat(C.lensNames);
    var list = C.neighbours ? (C.neighbours[code] || []) : [];
    var tbody = showBlock('council-neighbours-block', list.length);
    if (tbody) {
      list.forEach(function (n, i) {
        var other = C.authorities[n[0]] || [n[0], '', '', false], r = (C.ranks[n[0]] || {})[String(C.edition)];
        var tr = document.createElement('tr'); tr.setAttribute('data-code', n[0]);
        tr.appendChild(text('td', String(i + 1), 'num'));
        var td = document.createElement('td'), link = document.createElement('a');
        link.href = '#council/' + n[0]; link.textContent = other[0]; td.appendChild(link); tr.appendChild(td);
        cells(tr, [other[1], other[2], n[1] === null ? '' : n[1].toFixed(2),
                   n[2] === null ? 'no Oflog group' : n[2] ? 'yes' : 'no', r && r.o ? r.o : ''], [2, 4]);
        tbody.appendChild(tr);
      });
      var agreement = document.getElementById('council-neighbours-oflog');
      var mine = list.filter(function (n) { return n[2] === 1; }).length, judged = list.filter(function (n) { return n[2] !== null; }).length;
      agreement.textContent = (judged ? mine + ' of these ' + list.length + ' are also in Oflog\'s nearest-neighbour group of the council. ' : '') +
        (C.agreement && C.agreement[0] !== null ? 'Across all councils ' + Math.round(C.agreement[0] * 100) + '% of our neighbours are in Oflog\'s groups' +
         (C.agreement[1] !== null ? ' (' + Math.round(C.agreement[1] * 100) + '% if picked at random).' : '.') : '');
    }
    var nr = C.neighbourRanks ? C.neighbourRanks[code] : null, iv = C.intervals ? C.intervals[code] : null;
    tbody = showBlock('council-lens-analysis-block', nr || iv);
    if (tbody) {
      keys.forEach(function (k, i) {
        var n = nr ? nr[i] : null, v = iv ? iv[i] : null;
        if (!n && !v) return;
        var tr = document.createElement('tr'); tr.setAttribute('data-lens', k);
        cells(tr, [names[i], n && n[0] !== null ? n[0] : (i === 0 ? latestRanks(code).o : (latestRanks(code).l || [])[i - 1]),
                   v ? v[0] + '\u2013' + v[1] : '',
                   n && n[1] !== null ? n[1] + ' of ' + n[2] : '', n && n[4] !== null ? n[4] : ''], [1, 2, 3, 4]);
        tbody.appendChild(tr);
      });
    }
    var ctx = C.context ? C.context[code] : null;
    tbody = showBlock('council-context-block', ctx);
    if (tbody) {
      C.lenses.forEach(function (l, i) {
        var c = ctx[i]; if (!c) return;
        var tr = document.createElement('tr'); tr.setAttribute('data-lens', l);
        var verdict = c[2] === null ? 'not scored' : c[2] > 0 ? 'better than expected given its demographics'
                    : c[2] < 0 ? 'worse than expected given its demographics' : 'as expected given its demographics';
        cells(tr, [C.lensNames[i], c[0] === null ? '' : c[0].toFixed(2), c[1] === null ? '' : c[1].toFixed(2),
                   c[2] === null ? '' : (c[2] > 0 ? '+' : '') + c[2].toFixed(2), verdict,
                   c[3] === null ? '' : c[3] + ' of ' + c[4]], [1, 2, 3, 5]);
        tr.cells[4].className = c[2] === null ? '' : c[2] > 0 ? 'better' : c[2] < 0 ? 'worse' : '';
        tbody.appendChild(tr);
      });
    }
  }
  function latestRanks(code) { return (C.ranks[code] || {})[String(C.edition)] || {o: null, l: []}; }
  // a council's page: #council/<code> shows only its section; any other anchor shows the whole report
  function route() {
    var m = /^#council\/(.+)$/.exec(location.hash);
    if (m && C.authorities[decodeURIComponent(m[1])]) {
      document.body.classList.add('council-mode');
      showCouncil(decodeURIComponent(m[1]));
      window.scrollTo(0, 0);
    } else if (document.body.classList.contains('council-mode')) {
      document.body.classList.remove('council-mode');
      document.querySelectorAll('.js-plotly-plot').forEach(function (el) { Plotly.Plots.resize(el); });
      var target = location.hash && document.getElementById(location.hash.slice(1));
      if (target) target.scrollIntoView();
    }
  }
  window.addEventListener('hashchange', route);
  var first = document.querySelector('#league-table tbody tr[data-code]');
  if (/^#council\//.test(location.hash)) { route(); }
  else if (first) { showCouncil(first.getAttribute('data-code')); }
  document.getElementById('report-status').setAttribute('data-ready', 'true');
})();
