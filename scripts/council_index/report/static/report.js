/* The report's script (inlined into the page at build time): draws the charts from the figures JSON,
   makes the tables sortable and searchable, and fills a council's page (#council/<code>) from the
   council data. Charts adapt to narrow screens: a figure's layout.meta.narrow ({layout, traces}) is
   merged in below NARROW px, and the council charts wrap their labels. No toolbar (modebar): it
   covered the chart titles; zoom by dragging, double-click to reset. */
function startReport(data) {   // data: the page's three data blocks, unpacked (see the end of this file)
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

  // global charts: plotly's layout template is kept once (_template); a figure named "<chart>@<edition>" is the
  // chart of another edition, drawn into chart-<chart> when the reader picks that edition
  var figures = data.figures;
  var template = figures._template; delete figures._template;
  if (template) Object.keys(figures).forEach(function (id) { figures[id].layout.template = template; });
  // caveat marks travel as [kind, index of the reason]; expanded here to [kind, symbol, reason]
  function expandMarks(marks, table) {
    return (marks || []).map(function (m) { return [m[0], table.symbols[m[0]], table.reasons[m[1]]]; });
  }
  var EDITION_DATA = data.editions, EDITIONS = EDITION_DATA.editions;
  Object.keys(EDITIONS).forEach(function (e) {
    var view = EDITIONS[e];
    [view.league].concat(Object.keys(view.lenses).map(function (l) { return view.lenses[l].rows; })).forEach(function (rows) {
      rows.forEach(function (row) { row.forEach(function (c) { if (c && c.m) c.m = expandMarks(c.m, EDITION_DATA.marks); }); });
    });
    Object.keys(view.common || {}).forEach(function (id) {   // caveats of every ranked row: heading marks and note
      var common = view.common[id];
      Object.keys(common.h).forEach(function (col) { common.h[col] = expandMarks(common.h[col], EDITION_DATA.marks); });
      common.n = expandMarks(common.n, EDITION_DATA.marks);
    });
  });
  var editionSelect = document.getElementById('edition-select');
  var defaultEdition = editionSelect.getAttribute('data-default'), edition = defaultEdition;
  var shownFigure = {};   // chart element id -> the figure name drawn in it
  function figureName(chart) { return edition === defaultEdition || !figures[chart + '@' + edition] ? chart : chart + '@' + edition; }
  function draw(chart) {
    var el = document.getElementById('chart-' + chart);
    if (!el) { window.__recordReportError('no element for chart ' + chart); return false; }
    var name = figureName(chart), f = figureFor(figures[name], narrowNow);
    if (shownFigure[chart]) Plotly.react(el, f.data, f.layout, config); else Plotly.newPlot(el, f.data, f.layout, config);
    shownFigure[chart] = name; return true;
  }
  var drawn = 0, narrowNow = isNarrow();
  Object.keys(figures).forEach(function (id) { if (id.indexOf('@') < 0 && draw(id)) drawn += 1; });
  document.getElementById('report-status').setAttribute('data-charts', String(drawn));
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      if (isNarrow() === narrowNow) return;
      narrowNow = isNarrow();
      Object.keys(shownFigure).forEach(draw);
      var shown = document.getElementById('council').getAttribute('data-code');
      if (shown) showCouncil(shown);
    }, 150);
  });

  // the edition selector: the league table, the lens tables and charts and the council pages of the edition chosen,
  // drawn from the edition data (rows as page.py's Table.compact: a cell is its text, or {t, s, c, h, m, i})
  function markSpan(m) {
    var span = document.createElement('span');
    span.className = 'caveat c-' + m[0]; span.textContent = m[1];
    span.title = m[2]; span.setAttribute('aria-label', m[2]); span.setAttribute('role', 'img');
    return span;
  }
  function marksSpan(marks) {
    var span = document.createElement('span'); span.className = 'marks';
    marks.forEach(function (m) { span.appendChild(markSpan(m)); });
    return span;
  }
  function renderRows(table, rows) {
    var kinds = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.getAttribute('data-type'); });
    var body = table.tBodies[0]; body.innerHTML = '';
    rows.forEach(function (row) {
      var tr = document.createElement('tr');
      if (row[0]) Object.keys(row[0]).forEach(function (k) { tr.setAttribute(k, row[0][k]); });
      if (row[1]) tr.className = row[1];
      row.slice(2).forEach(function (c, i) {
        var td = document.createElement('td'), cell = typeof c === 'string' ? {t: c} : c;
        var css = cell.c !== undefined ? cell.c : kinds[i] === 'num' ? 'num' : '';
        if (css) td.className = css;
        var sort = cell.s !== undefined ? cell.s : (kinds[i] === 'num' && cell.t !== '' && !isNaN(parseFloat(cell.t.replace(/,/g, ''))) ? cell.t.replace(/,/g, '') : null);
        if (sort !== null && sort !== '') td.setAttribute('data-sort', sort);
        if (cell.i) td.title = cell.i;
        if (cell.h) { var a = document.createElement('a'); a.href = cell.h; a.textContent = cell.t; td.appendChild(a); }
        else td.textContent = cell.t;
        if (cell.m) td.appendChild(marksSpan(cell.m));
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    if (!rows.length) {
      var tr = document.createElement('tr'); tr.className = 'empty';
      var td = document.createElement('td'); td.colSpan = kinds.length; td.textContent = 'no rows'; tr.appendChild(td); body.appendChild(tr);
    }
    table.querySelectorAll('thead th').forEach(function (th) { th.classList.remove('asc', 'desc'); });
    var search = document.querySelector('input.table-search[data-table="' + table.id + '"]');
    if (search) search.value = '';
    var count = document.querySelector('.row-count[data-table="' + table.id + '"]');
    if (count) count.textContent = rows.length + ' rows';
  }
  // the caveats of every ranked row of the edition (page.common_marks): in the column headings and the note above
  // the table, as page.py served them for the default edition
  function renderCommon(table, common) {
    common = common || {h: {}, n: []};
    table.querySelectorAll('thead th').forEach(function (th, i) {
      th.querySelectorAll('.marks').forEach(function (m) { m.remove(); });
      if (common.h[String(i)] && common.h[String(i)].length) th.appendChild(marksSpan(common.h[String(i)]));
    });
    var box = document.querySelector('.common-caveats[data-table="' + table.id + '"]'); if (!box) return;
    box.hidden = !common.n.length;
    var list = box.querySelector('ul'); list.innerHTML = '';
    common.n.forEach(function (m) {
      var li = document.createElement('li'); li.appendChild(markSpan(m));
      li.appendChild(document.createTextNode(' ' + m[2] + '.')); list.appendChild(li);
    });
  }
  function renderUnranked(id, rows) {
    var box = document.getElementById(id); if (!box) return;
    box.hidden = !rows.length;
    box.querySelector('.unranked-count').textContent = String(rows.length);
    box.querySelector('.unranked-noun').textContent = rows.length === 1 ? 'council' : 'councils';
    var list = box.querySelector('ul'); list.innerHTML = '';
    rows.forEach(function (r) {
      var li = document.createElement('li'), a = document.createElement('a');
      a.href = '#council/' + r.code; a.textContent = r.name; li.appendChild(a);
      li.appendChild(document.createTextNode(': ' + r.reason)); list.appendChild(li);
    });
  }
  function setEdition(e) {
    var view = EDITIONS[e]; if (!view) return;
    edition = String(e); editionSelect.value = edition;
    document.body.setAttribute('data-edition', edition);
    document.querySelectorAll('.edition-label').forEach(function (el) { el.textContent = edition; });
    document.querySelectorAll('.league-count').forEach(function (el) { el.textContent = String(view.ranked); });
    document.getElementById('league-none').hidden = view.ranked > 0;
    renderRows(document.getElementById('league-table'), view.league);
    renderCommon(document.getElementById('league-table'), (view.common || {})['league-table']);
    renderUnranked('league-unranked', view.unranked);
    document.querySelectorAll('.caveat-count').forEach(function (el) {
      el.textContent = '(' + (view.counts[el.getAttribute('data-kind')] || 0) + ' in this edition)';
    });
    Object.keys(view.lenses).forEach(function (l) {
      var lens = view.lenses[l], table = document.getElementById('lens-table-' + l);
      if (table) { renderRows(table, lens.rows); renderCommon(table, (view.common || {})[table.id]); }
      renderUnranked('lens-unranked-' + l, lens.unranked);
      var el = document.getElementById('chart-scatter-' + l);
      if (el) {
        draw('scatter-' + l);
        var caption = el.parentElement.querySelector('figcaption'); if (caption && lens.title) caption.textContent = lens.title;
      }
    });
    var shown = document.getElementById('council').getAttribute('data-code');
    if (shown) showCouncil(shown);
  }
  editionSelect.addEventListener('change', function () { setEdition(editionSelect.value); });
  window.__setEdition = setEdition;   // for the tests

  // council sections: #council/<code>
  var C = data.councils;
  Object.keys(C.ranks).forEach(function (code) {
    Object.keys(C.ranks[code]).forEach(function (e) {
      var r = C.ranks[code][e];
      r.k = expandMarks(r.k, C.marks);
      (r.d || []).forEach(function (d) { if (d) d[5] = expandMarks(d[5], C.marks); });
    });
  });
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
  // horizontal bars drawn as HTML (label, a track with a zero line, the value): a value beyond +-cap is drawn to the
  // edge of the track and labelled with its value and an arrow, so one outlier never flattens the others
  function hbars(el, rows, cap, centre) {
    el.innerHTML = '';
    rows.forEach(function (r) {
      var row = document.createElement('div'); row.className = 'hbar-row' + (r.cls ? ' ' + r.cls : '');
      var label = document.createElement('span'); label.className = 'hbar-label'; label.textContent = r.label;
      if (r.marks && r.marks.length) label.appendChild(marksSpan(r.marks));
      var track = document.createElement('span'); track.className = 'hbar-track';
      var zero = document.createElement('span'); zero.className = 'hbar-zero'; zero.style.left = centre + '%'; track.appendChild(zero);
      var value = document.createElement('span'); value.className = 'hbar-value';
      if (r.value === null || r.value === undefined) { value.textContent = r.empty || 'n/a'; }
      else {
        var capped = Math.abs(r.value) > cap, shown = capped ? (r.value > 0 ? cap : -cap) : r.value;
        var fill = document.createElement('span');
        fill.className = 'hbar-fill ' + (r.good === null ? 'neutral' : r.good ? 'good' : 'bad') + (capped ? ' capped' : '');
        var width = Math.abs(shown) / cap * (shown >= 0 ? 100 - centre : centre);
        fill.style.left = (shown >= 0 ? centre : centre - width) + '%'; fill.style.width = Math.max(width, 0.5) + '%';
        track.appendChild(fill);
        value.textContent = r.text + (capped ? (r.value > 0 ? ' \u25B8' : ' \u25C2') : '');
        if (capped) value.className += ' capped';
      }
      if (r.title) row.title = r.title;
      row.appendChild(label); row.appendChild(track); row.appendChild(value); el.appendChild(row);
    });
  }
  function money(v) { return v === null || v === undefined ? '' : '\u00A3' + (Math.abs(v) < 10 ? v.toFixed(2) : Math.round(v).toLocaleString('en-GB')); }
  function signed(v, digits) { return (v > 0 ? '+' : v < 0 ? '\u2212' : '') + Math.abs(v).toFixed(digits || 0); }
  function listItems(id, items) {
    var list = document.getElementById(id); list.innerHTML = '';
    items.forEach(function (item) {
      var li = document.createElement('li');
      if (item.mark) li.appendChild(markSpan(item.mark));
      li.appendChild(document.createTextNode((item.mark ? ' ' : '') + item.text)); list.appendChild(li);
    });
    document.getElementById(id + '-block').hidden = !items.length;
  }
  function showCouncil(code) {
    var a = C.authorities[code]; if (!a) return;
    var narrow = isNarrow();
    picker.value = code;
    var ranks = C.ranks[code] || {}, latest = ranks[edition] || {o: null, l: [], q: null, d: [], k: []};
    var lensRanked = C.lensRanked[edition] || C.lenses.map(function () { return 1; });
    var head = document.getElementById('council-title');
    head.textContent = a[0] + ' '; head.appendChild(text('small', code + ' · ' + a[1] + ' · ' + a[2] + (C.demo ? ' · fictional demo council' : '')));
    var summary = document.getElementById('council-summary');
    summary.textContent = !ranks[edition] ? (!a[3] ? 'Not ranked by the index.' : 'Not part of the ' + edition + ' edition (the council did not exist then, or has no figures).') :
      (latest.o ? 'Overall rank ' + latest.o : 'No overall rank in the ' + edition + ' edition: ' + (latest.r || 'no reason recorded') + '.');
    if (latest.o) {   // the overall rank's caveat marks right after it
      if (latest.k && latest.k.length) summary.appendChild(marksSpan(latest.k));
      summary.appendChild(document.createTextNode(' in the ' + edition + ' edition' + (latest.q ? ' (' + latest.q + ').' : '.')));
    }
    var interval = edition === defaultEdition && C.intervals && C.intervals[code] ? C.intervals[code][0] : null;
    if (interval && latest.o) {
      summary.appendChild(document.createTextNode(' 90% interval over the method\'s judgement calls: ' + interval[0] + '\u2013' + interval[1] +
        ' (median ' + interval[2] + ').'));
    }
    var change = document.getElementById('council-change');
    change.textContent = !latest.c ? '' : latest.c[0] !== null ?
      'Since the previous edition: ' + (latest.c[0] > 0 ? 'up ' + latest.c[0] + ' places' : latest.c[0] < 0 ? 'down ' + (-latest.c[0]) + ' places' : 'unchanged') + ' (rank ' + latest.c[1] + ' then).' :
      (latest.o ? 'No change since the previous edition to show: ' + (latest.c[2] || 'no previous rank') + '.' : '');
    showAnalysis(code);
    // caveats on the ranks shown, and why ranks are missing
    var caveatItems = [], missingItems = [], common = (C.common || {})[edition] || [];
    function caveatText(m, i) {   // i: 0 overall, 1.. the lenses (C.common's order: [reason, all 1 / most 0])
      var shared = (common[i] || []).filter(function (c) { return c[0] === m[2]; })[0];
      return m[2] + (shared ? (shared[1] ? ' (as for every ranked council in this edition)' : ' (as for most ranked councils in this edition)') : '') + '.';
    }
    (latest.k || []).forEach(function (m) { caveatItems.push({mark: m, text: caveatText(m, 0)}); });
    C.lenses.forEach(function (l, i) {
      var d = (latest.d || [])[i];
      if (!d) return;
      d[5].forEach(function (m) { caveatItems.push({mark: m, text: caveatText(m, i + 1)}); });
      if (d[0] === null) missingItems.push({text: C.lensNames[i] + ': ' + (d[6] || 'no reason recorded') + '.'});
    });
    if (ranks[edition] && !latest.o) missingItems.unshift({text: 'Overall: ' + (latest.r || 'no reason recorded') + '.'});
    listItems('council-caveats', caveatItems);
    listItems('council-unranked', missingItems);
    // lens ranks: a bar from the last place of the lens to the council's rank, so a longer bar is a better rank
    var lensRanks = C.lenses.map(function (l, i) { return latest.l ? (latest.l[i] === undefined ? null : latest.l[i]) : null; });
    var last = Math.max.apply(null, lensRanked.concat([1]));
    var labels = C.lensNames.map(function (name, i) {
      var r = lensRanks[i];
      return wrap(name, narrow ? 18 : 34) + '<br><b>' + (r === null ? 'no rank' : 'rank ' + r + ' of ' + lensRanked[i]) + '</b>';
    });
    Plotly.react('council-lens-ranks', [{type: 'bar', orientation: 'h', y: labels, base: lensRanks.map(function (r, i) { return r === null ? null : lensRanked[i] + 0.5; }),
      x: lensRanks.map(function (r, i) { return r === null ? null : r - (lensRanked[i] + 0.5); }),
      customdata: lensRanks.map(function (r, i) { return r === null ? 'no rank' : 'rank ' + r + ' of ' + lensRanked[i]; }),
      marker: {color: lensRanks.map(function (r, i) { var n = lensRanked[i]; return r === null ? '#ccc' : r <= n / 3 ? '#1a9850' : r <= 2 * n / 3 ? '#fdae61' : '#d73027'; })},
      hovertemplate: '%{customdata}<extra></extra>'}],
      baseLayout({height: 60 * C.lenses.length + 70, margin: {l: 10, r: 16, t: 10, b: 40},
       xaxis: {title: {text: narrow ? 'rank (1 = best, at the right)' : 'rank (1 = most productive, at the right)'}, range: [last + 0.5, 0.5], zeroline: false},
       yaxis: {autorange: 'reversed', tickfont: {size: narrow ? 10 : 11}}}), config);
    showWhy(code, latest);
    // indicator values against England, coloured by polarity; far-off values capped and labelled
    var refs = C.indicatorRefs[edition] || {};
    var rows = ((C.values[code] || {})[edition] || []).slice().sort(function (x, y) {
      var lx = C.lenses.indexOf(C.indicators[x[0]][1]), ly = C.lenses.indexOf(C.indicators[y[0]][1]);
      return lx - ly || (C.indicatorIds[x[0]] < C.indicatorIds[y[0]] ? -1 : 1);
    });
    var names = [], shown = [], colours = [], hovers = [], labelsOut = [];
    var tbody = document.querySelector('#council-values tbody'); tbody.innerHTML = '';
    rows.forEach(function (r) {
      var ind = C.indicators[r[0]], ref3 = refs[String(r[0])] || [null, 'M', ''], value = r[1], ref = ref3[0];
      var diff = (value === null || ref === null || ref === 0) ? null : (value - ref) / Math.abs(ref) * 100;
      var better = diff === null || ind[3] === 0 ? 0 : (diff * ind[3] > 0 ? 1 : diff * ind[3] < 0 ? -1 : 0);
      var refName = ref3[1] === 'E' ? 'England' : 'median of ranked councils';
      var capped = diff !== null && Math.abs(diff) > CAP;
      names.push(wrap(ind[0], narrow ? 30 : 60));
      shown.push(diff === null ? null : capped ? (diff > 0 ? CAP : -CAP) : Math.round(diff * 10) / 10);
      labelsOut.push(capped ? percent(diff) + ' \u25B8' : '');   // the value, and an arrow: the bar goes on
      colours.push(better > 0 ? '#1a9850' : better < 0 ? '#d73027' : '#999');
      hovers.push(ind[0] + '<br>' + fmt(value) + ' ' + ind[2] + ' vs ' + refName + ' ' + fmt(ref) +
                  (diff === null ? '' : '<br>' + percent(diff) + ' against it') +
                  '<br>' + (ind[3] > 0 ? 'higher is better' : 'lower is better'));
      var tr = document.createElement('tr');
      [ind[0], C.lensNames[C.lenses.indexOf(ind[1])] || ind[1], ref3[2], fmt(value), fmt(ref) + (ref3[1] === 'E' ? '' : ' (median)'), ind[2],
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
    // rank history: overall and lens ranks across every edition
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
  // "why this rank": each lens's rank against the council's mean lens rank, then per lens the outcome side (indicator
  // scores) and the money side (spend per head against the median), side by side
  var SCORE_CAP = 3, SPEND_CAP = 100;
  function showWhy(code, latest) {
    var mean = latest.m, details = latest.d || [];
    var pull = C.lenses.map(function (l, i) {
      var d = details[i], r = d ? d[0] : null;
      var v = r === null || mean === null || mean === undefined ? null : Math.round((mean - r) * 10) / 10;
      return {label: C.lensNames[i], value: v, good: v === null ? null : v >= 0, marks: d ? d[5] : [],
              text: v === null ? '' : signed(v, 1) + ' places', empty: r === null ? 'no rank' : 'n/a',
              title: r === null ? '' : 'lens rank ' + r + ' against a mean lens rank of ' + mean.toFixed(1)};
    });
    var extent = Math.max.apply(null, pull.filter(function (p) { return p.value !== null; }).map(function (p) { return Math.abs(p.value); }).concat([5]));
    hbars(document.getElementById('council-pull'), pull, extent, 50);
    document.getElementById('council-pull-note').textContent = mean === null || mean === undefined ? '' :
      'Mean lens rank ' + mean.toFixed(1) + ' over ' + latest.n + ' ranked lenses' +
      (latest.o ? ': overall rank ' + latest.o + '.' : ': no overall rank (' + (latest.r || 'too few lenses') + ').');
    var tbody = document.querySelector('#council-why tbody'); tbody.innerHTML = '';
    C.lenses.forEach(function (l, i) {
      var d = details[i]; if (!d) return;
      var tr = document.createElement('tr'); tr.setAttribute('data-lens', l);
      var median = d[2] !== null && d[3] ? d[2] * 100 / d[3] : null;
      var cellsOut = [C.lensNames[i], d[0] === null ? '\u2013' : String(d[0]),
        d[0] === null || mean === null ? '' : (mean - d[0] >= 0 ? 'pulls up ' : 'pulls down ') + Math.abs(mean - d[0]).toFixed(1),
        d[1] === null ? '' : d[1].toFixed(1), money(d[2]), money(median), d[4] === null ? '' : d[4].toFixed(1)];
      cellsOut.forEach(function (v, j) {
        var td = text('td', v, j > 0 ? 'num' : '');
        if (j === 1 && d[5].length) td.appendChild(marksSpan(d[5]));
        if (j === 1 && d[0] === null && d[6]) td.title = 'Not ranked: ' + d[6];
        if (j === 2 && d[0] !== null && mean !== null) td.className += mean - d[0] >= 0 ? ' better' : ' worse';
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    // per lens: outcome side and money side
    var holder = document.getElementById('council-drivers'); holder.innerHTML = '';
    var refs = C.indicatorRefs[edition] || {}, scores = (C.values[code] || {})[edition] || [];
    var pct = C.normalisation === 'minmax' || C.normalisation === 'percentile';
    var centreScore = pct ? 50 : 0, scoreCap = pct ? 50 : SCORE_CAP;
    C.lenses.forEach(function (l, i) {
      var d = details[i]; if (!d) return;
      // one folding block per lens: open on a wide screen, folded on a phone (six lenses of bars are long there)
      var block = document.createElement('details'); block.className = 'driver'; block.setAttribute('data-lens', l);
      block.open = !isNarrow();
      var title = document.createElement('summary'); title.textContent = C.lensNames[i] + ': ' + (d[0] === null ? 'no rank' : 'rank ' + d[0] + ' of ' + (C.lensRanked[edition] || [])[i]);
      if (d[5].length) title.appendChild(marksSpan(d[5]));
      block.appendChild(title);
      var grid = document.createElement('div'); grid.className = 'grid2 driver-grid';
      var left = document.createElement('div'); left.className = 'cell';
      left.appendChild(text('p', 'Outcome side: indicator scores' + (d[1] === null ? '' : ' (outcome index ' + d[1].toFixed(1) + ')'), 'driver-head'));
      var ind = scores.filter(function (s) { return C.indicators[s[0]][1] === l; }).sort(function (x, y) { return C.indicatorIds[x[0]] < C.indicatorIds[y[0]] ? -1 : 1; });
      var bars = document.createElement('div'); bars.className = 'hbars';
      hbars(bars, ind.map(function (s) {
        var v = s[2] === null ? null : s[2] - centreScore, ref = refs[String(s[0])] || [];
        return {label: C.indicators[s[0]][0], value: v, good: v === null ? null : v >= 0,
                text: s[2] === null ? '' : (pct ? s[2].toFixed(0) : signed(s[2], 2)),
                title: C.indicators[s[0]][0] + ': ' + fmt(s[1]) + ' ' + C.indicators[s[0]][2] + (ref[2] ? ' (' + ref[2] + ')' : '')};
      }), scoreCap, 50);
      if (!ind.length) bars.appendChild(text('p', 'No indicator scored for this council in this lens.', 'note'));
      left.appendChild(bars);
      left.appendChild(text('p', pct ? 'Score 0 to 100 (50 = middle); beyond the axis: value and arrow.' :
        'Standardised score (0 = average, +1 = one standard deviation better); beyond \u00B1' + SCORE_CAP + ': value and arrow.', 'chart-note'));
      var right = document.createElement('div'); right.className = 'cell';
      right.appendChild(text('p', 'Money side: spend per head against the median', 'driver-head'));
      var median = d[2] !== null && d[3] ? d[2] * 100 / d[3] : null;
      var spend = document.createElement('div'); spend.className = 'hbars';
      var against = d[3] === null ? null : d[3] - 100;
      hbars(spend, [{label: 'this council', value: against, good: against === null ? null : against <= 0,
                     marks: d[5].filter(function (m) { return m[0] === 'low-spend' || m[0] === 'fallback-year'; }),
                     text: against === null ? '' : money(d[2]) + ' (' + signed(against, 0) + '%)', empty: 'no spend figure'}],
            SPEND_CAP, 50);
      right.appendChild(spend);
      right.appendChild(text('p', median === null ? 'No spend figure.' : 'Median of the ranked councils: ' + money(median) + ' a head. ' +
        'Below the median (green) raises productivity, above it (red) lowers it; beyond \u00B1' + SPEND_CAP + '%: value and arrow.', 'chart-note'));
      if (d[4] !== null) right.appendChild(text('p', 'Productivity index ' + d[4].toFixed(1) + ' = 100 \u00D7 outcome index ' +
        (d[1] === null ? '' : d[1].toFixed(1)) + ' / spend index ' + (d[3] === null ? '' : d[3].toFixed(1)) + '.', 'driver-sum'));
      grid.appendChild(left); grid.appendChild(right); block.appendChild(grid); holder.appendChild(block);
    });
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
        var other = C.authorities[n[0]] || [n[0], '', '', false], r = (C.ranks[n[0]] || {})[defaultEdition];
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
  function latestRanks(code) { return (C.ranks[code] || {})[defaultEdition] || {o: null, l: []}; }
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
}
// The figures, the edition data and the council data are gzip-compressed JSON in base64 (page.packed_json: a
// tenth of the size); the browser unpacks them with DecompressionStream, then the page is drawn.
(function () {
  // sortable, searchable tables: ready at once, before the data are unpacked (they need none of it)
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

  function unpack(id) {
    var el = document.getElementById(id), text = el.textContent;
    if (el.getAttribute('data-encoding') !== 'gzip+base64') return Promise.resolve(JSON.parse(text));
    var binary = atob(text.trim()), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(JSON.parse);
  }
  if (typeof DecompressionStream === 'undefined') {
    var note = document.createElement('p'); note.className = 'demo-note';
    note.textContent = 'This browser cannot unpack the report\'s data (it needs DecompressionStream: Chrome 80, Safari 16.4, ' +
                       'Firefox 113 or later): the tables are shown, the charts and council pages are not.';
    document.querySelector('main').insertBefore(note, document.querySelector('main').firstChild);
    window.__recordReportError('no DecompressionStream');
    return;
  }
  Promise.all([unpack('figures'), unpack('edition-data'), unpack('council-data')]).then(function (parts) {
    startReport({figures: parts[0], editions: parts[1], councils: parts[2]});
  }).catch(function (e) { window.__recordReportError('data: ' + (e && e.stack || e)); });
})();
