// rejoinder site, Explore: filters and full-text search over every
// response, from explore-data.js. State lives in the URL fragment
// (#strategy=identity_dispute&q=non-entity&page=2), so a view can be
// linked and cited. No library, no network.
(function () {
  "use strict";
  var data = window.REJOINDER_EXPLORE;
  if (!data) { return; }
  var FACETS = ["responder", "accuser", "year", "incident_type", "organ"];
  var PAGE = 50;
  var app = document.getElementById("explore-app");
  var q = document.getElementById("q");
  var count = document.getElementById("count");
  var results = document.getElementById("results");
  var pager = document.getElementById("pager");
  app.hidden = false;
  document.getElementById("static-list").hidden = true;

  // Row layout (see site/explore.go): id, case, the five facets,
  // strategies, date, speaker. The searched text (quotes; summary and
  // notes) comes after the first view, from explore-text-N.js files.
  function value(row, facet) {
    if (facet === "strategy") { return row[7]; }
    return row[2 + FACETS.indexOf(facet)];
  }
  var ALL = FACETS.concat(["strategy"]);
  var texts = new Array(data.rows.length), lower = new Array(data.rows.length), loaded = 0;
  window.REJOINDER_EXPLORE_TEXT = function (t) {
    t.rows.forEach(function (r, j) {
      var i = t.n * data.textRows + j;
      texts[i] = r;
      lower[i] = (r[0] + "\n" + r[1]).toLowerCase();
    });
    loaded++;
    if (loaded < data.textFiles) { loadText(loaded); return; }
    count.setAttribute("data-text", "loaded");
    render();
  };
  function loadText(n) {
    var s = document.createElement("script");
    s.src = "explore-text-" + n + ".js";
    document.body.appendChild(s);
  }

  function readState() {
    var s = { page: 1, q: "" };
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      if (!kv) { return; }
      var i = kv.indexOf("=");
      var k = decodeURIComponent(i < 0 ? kv : kv.slice(0, i));
      var v = i < 0 ? "" : decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " "));
      if (k === "page") { s.page = Math.max(1, parseInt(v, 10) || 1); } else { s[k] = v; }
    });
    return s;
  }
  function writeState(s) {
    var parts = [];
    ALL.concat(["q"]).forEach(function (k) { if (s[k]) { parts.push(k + "=" + encodeURIComponent(s[k])); } });
    if (s.page > 1) { parts.push("page=" + s.page); }
    var h = parts.length ? "#" + parts.join("&") : "";
    if (location.hash !== h) { history.replaceState(null, "", h || location.pathname + location.search); }
  }
  function matches(row, i, s, skip) {
    for (var f = 0; f < ALL.length; f++) {
      var k = ALL[f];
      if (k === skip || !s[k]) { continue; }
      var want = data.facets[k].indexOf(s[k]);
      var v = value(row, k);
      if (k === "strategy" ? v.indexOf(want) < 0 : v !== want) { return false; }
    }
    return !s.q || (lower[i] !== undefined && lower[i].indexOf(s.q.toLowerCase()) >= 0);
  }
  function label(k, v) { return v === "" ? (k === "year" ? "undated" : "(none)") : v; }

  function fillSelects(s) {
    ALL.forEach(function (k) {
      var counts = data.facets[k].map(function () { return 0; });
      data.rows.forEach(function (row, i) {
        if (!matches(row, i, s, k)) { return; }
        var v = value(row, k);
        if (k === "strategy") { v.forEach(function (x) { counts[x]++; }); } else { counts[v]++; }
      });
      var sel = document.getElementById("f-" + k);
      sel.textContent = "";
      var all = document.createElement("option");
      all.value = ""; all.textContent = "all";
      sel.appendChild(all);
      data.facets[k].forEach(function (v, j) {
        var o = document.createElement("option");
        o.value = v; o.textContent = label(k, v) + " (" + counts[j] + ")";
        sel.appendChild(o);
      });
      sel.value = s[k] || "";
    });
    q.value = s.q || "";
  }
  function snippet(text, needle) {
    var li = document.createElement("p");
    var i = needle ? text.toLowerCase().indexOf(needle.toLowerCase()) : -1;
    if (i < 0) { li.textContent = text.split("\n")[0]; return li; }
    var from = Math.max(0, i - 80), to = Math.min(text.length, i + needle.length + 80);
    li.appendChild(document.createTextNode((from > 0 ? "…" : "") + text.slice(from, i)));
    var m = document.createElement("mark");
    m.textContent = text.slice(i, i + needle.length);
    li.appendChild(m);
    li.appendChild(document.createTextNode(text.slice(i + needle.length, to) + (to < text.length ? "…" : "")));
    return li;
  }
  function render() {
    var s = readState();
    fillSelects(s);
    var hits = [];
    data.rows.forEach(function (row, i) { if (matches(row, i, s, null)) { hits.push(i); } });
    var pages = Math.max(1, Math.ceil(hits.length / PAGE));
    if (s.page > pages) { s.page = pages; }
    count.textContent = hits.length + " of " + data.rows.length + " responses" +
      (s.q && loaded < data.textFiles ? " (still loading the quotes to search)" : "");
    count.setAttribute("data-count", String(hits.length));
    results.textContent = "";
    hits.slice((s.page - 1) * PAGE, s.page * PAGE).forEach(function (i) {
      var row = data.rows[i], c = data.cases[row[1]];
      var li = document.createElement("li");
      li.setAttribute("data-response", row[0]);
      var a = document.createElement("a");
      a.href = "case-" + c[0] + ".html#" + row[0];
      a.textContent = row[8] + " · " + (row[9] || data.facets.responder[row[2]]) + " · " + c[1];
      li.appendChild(a);
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = row[0] + " · " + row[7].map(function (x) { return data.facets.strategy[x]; }).join(", ");
      li.appendChild(meta);
      var t = texts[i];
      var text = !t ? "" : s.q && t[0].toLowerCase().indexOf(s.q.toLowerCase()) < 0 ? t[1] : t[0];
      if (text) { li.appendChild(snippet(text, s.q)); }
      results.appendChild(li);
    });
    pager.textContent = "";
    if (pages > 1) {
      [["← previous", s.page - 1], ["next →", s.page + 1]].forEach(function (p) {
        var b = document.createElement("button");
        b.type = "button"; b.textContent = p[0]; b.disabled = p[1] < 1 || p[1] > pages;
        b.addEventListener("click", function () { s.page = p[1]; writeState(s); render(); window.scrollTo(0, 0); });
        pager.appendChild(b);
      });
      var span = document.createElement("span");
      span.textContent = "page " + s.page + " of " + pages;
      pager.appendChild(span);
    }
  }
  function fromForm() {
    var s = { page: 1, q: q.value.trim() };
    ALL.forEach(function (k) { s[k] = document.getElementById("f-" + k).value; });
    writeState(s);
    render();
  }
  ALL.forEach(function (k) { document.getElementById("f-" + k).addEventListener("change", fromForm); });
  var timer;
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fromForm, 150); });
  document.getElementById("reset").addEventListener("click", function () { writeState({ page: 1 }); render(); });
  document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); fromForm(); });
  window.addEventListener("hashchange", render);
  render();
  // The text for search loads after the page has shown its first view.
  if (data.textFiles > 0) {
    window.addEventListener("load", function () { setTimeout(function () { loadText(0); }, 0); });
  } else {
    count.setAttribute("data-text", "loaded");
  }
})();
