// rejoinder site, Compare: any two cases side by side, from
// compare-data.js. The pair lives in the URL fragment (#a=CASE&b=CASE).
(function () {
  "use strict";
  var data = window.REJOINDER_COMPARE;
  var table = document.getElementById("compare-table");
  if (!data || !table) { return; }
  var form = document.getElementById("pick");
  var selA = document.getElementById("case-a"), selB = document.getElementById("case-b");
  data.titles.forEach(function (t) {
    [selA, selB].forEach(function (sel) {
      var o = document.createElement("option");
      o.value = t[0]; o.textContent = t[0] + ": " + t[1];
      sel.appendChild(o);
    });
  });
  form.hidden = false;

  function pair() {
    var p = { a: table.dataset.a, b: table.dataset.b };
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i < 0) { return; }
      var k = kv.slice(0, i), v = decodeURIComponent(kv.slice(i + 1));
      if ((k === "a" || k === "b") && data.cases[v]) { p[k] = v; }
    });
    return p;
  }
  function cell(tag, text, scope) {
    var c = document.createElement(tag);
    c.textContent = text;
    if (scope) { c.scope = scope; }
    return c;
  }
  function render() {
    var p = pair(), va = data.cases[p.a], vb = data.cases[p.b];
    selA.value = p.a; selB.value = p.b;
    var si = data.attributes.indexOf("strategies"), shi = data.attributes.indexOf("shared_strategies");
    var inB = vb[si].split("; ");
    var shared = va[si].split("; ").filter(function (s) { return s && inB.indexOf(s) >= 0; }).join("; ");
    var head = document.createElement("tr");
    ["attribute", p.a, p.b].forEach(function (h) { head.appendChild(cell("th", h, "col")); });
    table.tHead.textContent = "";
    table.tHead.appendChild(head);
    var body = table.tBodies[0];
    body.textContent = "";
    data.attributes.forEach(function (name, i) {
      var tr = document.createElement("tr");
      tr.appendChild(cell("th", name, "row"));
      tr.appendChild(cell("td", i === shi ? shared : va[i]));
      tr.appendChild(cell("td", i === shi ? shared : vb[i]));
      body.appendChild(tr);
    });
    document.getElementById("compare-cmd").textContent = "rejoinder compare " + p.a + " " + p.b;
    [["link-a", p.a], ["link-b", p.b]].forEach(function (l) {
      var a = document.getElementById(l[0]);
      a.href = "case-" + l[1] + ".html"; a.textContent = l[1];
    });
  }
  function pick() {
    history.replaceState(null, "", "#a=" + encodeURIComponent(selA.value) + "&b=" + encodeURIComponent(selB.value));
    render();
  }
  selA.addEventListener("change", pick);
  selB.addEventListener("change", pick);
  window.addEventListener("hashchange", render);
  render();
})();
