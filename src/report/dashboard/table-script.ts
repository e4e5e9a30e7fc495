// The page's only script: search, filter, sort and pages for the findings table, built with textContent (never innerHTML).
//
// Plain ES2015 in a string, inlined into the page at report time: it must run in older Chromium cores (360 浏览器) and
// needs no build step. It reads the rows from the <script type="application/json" id="bd-data"> element; without
// scripts the page keeps the first rows that page.ts wrote into the table.

/** Rows per page of the table (also the number of rows written into the page for readers without scripts). */
export const PAGE_ROWS = 100;

/** The class that marks a status or severity cell, for colour; the same map in the script and in page.ts. */
export const VALUE_CLASSES: Record<string, string> = { 整改未见效: 'v-alert', 待核查: 'v-open', 已核实: 'v-done', 已消除: 'v-gone', 疑点: 'v-sus', 新增: 'v-new' };

export const TABLE_SCRIPT = `(function () {
  'use strict';
  var PAGE = ${PAGE_ROWS};
  var CLASSES = ${JSON.stringify(VALUE_CLASSES)};
  var data = JSON.parse(document.getElementById('bd-data').textContent);
  var cols = data.columns, rows = data.rows, lists = { townships: data.townships, rules: data.rules };
  var col = {};
  cols.forEach(function (c, i) { col[c.key] = i; });
  function cell(r, i) { var c = cols[i]; return c.ref ? lists[c.ref][r[i]] : r[i]; }
  var hay = rows.map(function (r) {
    var parts = [];
    for (var i = 0; i < cols.length; i++) parts.push(String(cell(r, i)));
    return parts.join('\\u0001').toLowerCase();
  });
  var collator = new Intl.Collator('zh-CN', { numeric: true });
  var $ = function (id) { return document.getElementById(id); };
  var q = $('bd-q'), ft = $('bd-township'), fr = $('bd-rule'), fs = $('bd-status'), tbody = $('bd-rows'), info = $('bd-info');
  var prev = $('bd-prev'), next = $('bd-next'), heads = document.querySelectorAll('#bd-table th[data-col]');
  function options(select, list) {
    list.map(function (name, i) { return { name: name, i: i }; })
      .sort(function (a, b) { return collator.compare(a.name, b.name); })
      .forEach(function (x) { select.appendChild(new Option(x.name, String(x.i))); });
  }
  options(ft, lists.townships);
  options(fr, lists.rules);
  var order = null, page = 0, shown = [];
  function matches(i) {
    var r = rows[i], s = r[col.status];
    if (ft.value !== '' && String(r[col.township]) !== ft.value) return false;
    if (fr.value !== '' && String(r[col.rule]) !== fr.value) return false;
    if (fs.value === 'current' ? s === '已消除' : fs.value !== '' && s !== fs.value) return false;
    var words = q.value.trim().toLowerCase().split(/\\s+/);
    for (var w = 0; w < words.length; w++) if (words[w] && hay[i].indexOf(words[w]) < 0) return false;
    return true;
  }
  function compare(a, b) {
    var x = cell(rows[a], order.col), y = cell(rows[b], order.col);
    var d = cols[order.col].numeric ? x - y : collator.compare(String(x), String(y));
    return d * order.dir || a - b;
  }
  function refresh() {
    shown = [];
    for (var i = 0; i < rows.length; i++) if (matches(i)) shown.push(i);
    if (order) shown.sort(compare);
    page = 0;
    draw();
  }
  function draw() {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    if (page >= pages) page = pages - 1;
    var frag = document.createDocumentFragment();
    var from = page * PAGE, to = Math.min(shown.length, from + PAGE);
    for (var k = from; k < to; k++) {
      var r = rows[shown[k]], tr = document.createElement('tr'), td = document.createElement('td');
      td.textContent = String(k + 1);
      td.className = 'n';
      tr.appendChild(td);
      for (var i = 0; i < cols.length; i++) {
        td = document.createElement('td');
        var v = cell(r, i);
        td.textContent = v === null || v === undefined ? '' : String(v);
        td.className = 'c-' + cols[i].key + (CLASSES.hasOwnProperty(v) ? ' ' + CLASSES[v] : '');
        tr.appendChild(td);
      }
      frag.appendChild(tr);
    }
    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    tbody.appendChild(frag);
    info.textContent = shown.length ? '第 ' + (from + 1) + '–' + to + ' 条，共 ' + shown.length + ' 条（本月全部 ' + rows.length + ' 条，含已消除）'
      : '没有符合条件的疑点（本月全部 ' + rows.length + ' 条）';
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }
  function sortBy(th) {
    var c = Number(th.getAttribute('data-col'));
    order = order && order.col === c ? (order.dir === 1 ? { col: c, dir: -1 } : null) : { col: c, dir: 1 };
    for (var h = 0; h < heads.length; h++) heads[h].setAttribute('aria-sort', 'none');
    if (order) th.setAttribute('aria-sort', order.dir === 1 ? 'ascending' : 'descending');
    refresh();
  }
  var timer = null;
  q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(refresh, 150); });
  [ft, fr, fs].forEach(function (s) { s.addEventListener('change', refresh); });
  $('bd-reset').addEventListener('click', function () { q.value = ''; ft.value = ''; fr.value = ''; fs.value = 'current'; order = null;
    for (var h = 0; h < heads.length; h++) heads[h].setAttribute('aria-sort', 'none'); refresh(); });
  prev.addEventListener('click', function () { page--; draw(); });
  next.addEventListener('click', function () { page++; draw(); });
  for (var h = 0; h < heads.length; h++) {
    heads[h].addEventListener('click', function () { sortBy(this); });
    heads[h].addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(this); } });
  }
  document.documentElement.className += ' js';
  refresh();
})();
`;
