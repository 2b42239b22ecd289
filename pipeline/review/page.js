// The page's script: the fact panel, and tables that sort and filter.
// Everything it shows is already on the page; it fetches nothing and
// writes text only with textContent.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('fact-data').textContent);
  var panel = document.getElementById('panel');
  var body = document.getElementById('panel-body');
  var maxShown = 20;
  var statusWords = {
    'confirmed': 'confirmed: the text says the same',
    'conflict': 'conflict: a field differs from the text',
    'curated-only': 'curated only: not found by the extractors',
    'extracted-only': 'extracted only: in no fact file'
  };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function link(href, text) {
    var a = el('a', text);
    a.href = href;
    return a;
  }

  // opener is what had the focus when the panel opened: it gets it back.
  var opener = null;

  // show opens the panel with the fields of the facts of entries.
  function show(entries) {
    if (panel.hidden) opener = document.activeElement;
    var lit = document.querySelectorAll('.on');
    for (var i = 0; i < lit.length; i++) lit[i].classList.remove('on');
    body.textContent = '';
    if (entries.length > maxShown) {
      body.appendChild(el('p', 'The first ' + maxShown + ' of ' + entries.length + ' facts quoting this text.'));
      entries = entries.slice(0, maxShown);
    }
    entries.forEach(function (n) {
      var e = data.e[n];
      if (!e) return;
      var kind = data.kinds[e[0]], cols = data.cols[e[0]], cells = e[5];
      var h = el('h3', kind + ' fact ');
      h.appendChild(el('code', e[1]));
      body.appendChild(h);
      var dl = el('dl');
      if (e[2]) {
        dl.appendChild(el('dt', 'status'));
        dl.appendChild(el('dd', statusWords[e[2]] || e[2]));
      }
      for (var i = 0; i < cols.length; i++) {
        if (cells[i] === '' || cols[i] === 'status') continue;
        dl.appendChild(el('dt', cols[i]));
        dl.appendChild(el('dd', cells[i]));
      }
      body.appendChild(dl);
      var p = el('p');
      p.appendChild(link('#e' + n, 'Its quote'));
      if (e[4] >= 0) {
        p.appendChild(document.createTextNode(' · '));
        p.appendChild(link('#r' + e[4], 'its row in the ' + kind + ' table'));
      }
      body.appendChild(p);
      var m = document.getElementById('e' + n);
      if (m) m.closest('mark').classList.add('on');
    });
    panel.hidden = false;
    panel.focus();
  }

  function hide() {
    panel.hidden = true;
    if (opener && opener.focus) opener.focus();
    opener = null;
    var lit = document.querySelectorAll('.on');
    for (var i = 0; i < lit.length; i++) lit[i].classList.remove('on');
  }

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    var chip = t.closest('a.chip');
    if (chip) {
      ev.preventDefault();
      show([chip.getAttribute('data-e')]);
      return;
    }
    var mark = t.closest('mark[data-e]');
    if (mark) {
      // Every fact whose quote covers the place clicked, innermost first.
      var seen = [];
      for (var m = mark; m; m = m.parentElement ? m.parentElement.closest('mark[data-e]') : null) {
        m.getAttribute('data-e').split(' ').forEach(function (n) {
          if (seen.indexOf(n) < 0) seen.push(n);
        });
      }
      show(seen);
      return;
    }
    var sort = t.closest('button.sort');
    if (sort) {
      sortBy(sort);
      return;
    }
    if (t.id === 'panel-close') hide();
  });

  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && !panel.hidden) hide();
  });

  function number(s) {
    var t = s.replace(/[,%\s]/g, '');
    if (t === '' || !/^-?\d+(\.\d+)?$/.test(t)) return null;
    return parseFloat(t);
  }

  function sortBy(button) {
    var th = button.parentElement;
    var table = th.closest('table');
    var col = parseInt(button.getAttribute('data-col'), 10);
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    var heads = table.querySelectorAll('thead th');
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].hasAttribute('aria-sort')) heads[i].setAttribute('aria-sort', 'none');
    }
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.forEach(function (r, i) { if (!r.hasAttribute('data-i')) r.setAttribute('data-i', i); });
    function key(r) { var c = r.cells[col]; return c ? c.textContent.trim() : ''; }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b), nx = number(x), ny = number(y), c;
      if (x === '' || y === '') c = (x === '') - (y === '');
      else if (nx !== null && ny !== null) c = (nx - ny) * dir;
      else c = x.localeCompare(y) * dir;
      return c || a.getAttribute('data-i') - b.getAttribute('data-i');
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  }

  function filter(input) {
    var table = document.getElementById(input.getAttribute('data-table'));
    var q = input.value.trim().toLowerCase();
    var rows = table.tBodies[0].rows, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var keep = q === '' || rows[i].textContent.toLowerCase().indexOf(q) >= 0;
      rows[i].hidden = !keep;
      if (keep) shown++;
    }
    var out = document.querySelector('.shown[data-for="' + table.id + '"]');
    if (out) out.textContent = q === '' ? '' : shown + ' of ' + rows.length + ' rows shown';
  }

  var inputs = document.querySelectorAll('input[data-table]');
  for (var i = 0; i < inputs.length; i++) {
    inputs[i].addEventListener('input', function (ev) { filter(ev.target); });
  }
})();
