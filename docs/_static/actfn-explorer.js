/* 활성화 함수 탐색기: the in-page explorer of 「활성화 함수」 (docs/_ext/activation_explorer.py).
 *
 * Plain JavaScript, no library, no network. Each <div class="actfn-explorer" data-kind="..."> is
 * filled in when the page loads:
 *   data-kind="functions"  sliders for the input x and Leaky ReLU's α; the curves with a point at x,
 *                          and a table of every function's value and slope (derivative) at x.
 *   data-kind="softmax"    sliders for a few logits and the temperature T; bars and numbers for
 *                          softmax(z / T).
 *
 * The formulas (ActfnFormulas below) are the package's (src/actfn), computed in float64; tests run
 * them under node against actfn's values on a grid of points (tests/test_explorer.py).
 */
(function (root) {
  "use strict";

  // -- Formulas: the same closed forms as actfn.functions / actfn.derivatives --------------------
  function relu(x) { return x > 0 ? x : 0; }
  function reluSlope(x) { return x > 0 ? 1 : 0; } // PyTorch takes 0 at x = 0
  function leakyRelu(x, a) { return x > 0 ? x : a * x; }
  function leakyReluSlope(x, a) { return x > 0 ? 1 : a; }
  function sigmoid(x) {
    var z = Math.exp(-Math.abs(x)); // never overflows
    return x >= 0 ? 1 / (1 + z) : z / (1 + z);
  }
  function sigmoidSlope(x) { var s = sigmoid(x); return s * (1 - s); }
  function tanh(x) {
    var m = Math.expm1(-2 * Math.abs(x)); // tanh|x| = -m / (2 + m), no overflow, no cancellation
    var t = -m / (2 + m);
    return x < 0 ? -t : t;
  }
  function tanhSlope(x) { var t = tanh(x); return 1 - t * t; }
  /** softmax(z / T): subtract the maximum first, so large logits cannot overflow. */
  function softmax(logits, temperature) {
    var t = temperature === undefined ? 1 : temperature;
    var scaled = logits.map(function (z) { return z / t; });
    var max = Math.max.apply(null, scaled);
    var e = scaled.map(function (z) { return Math.exp(z - max); });
    var sum = e.reduce(function (a, b) { return a + b; }, 0);
    return e.map(function (v) { return v / sum; });
  }

  var formulas = {
    relu: relu, reluSlope: reluSlope,
    leakyRelu: leakyRelu, leakyReluSlope: leakyReluSlope,
    sigmoid: sigmoid, sigmoidSlope: sigmoidSlope,
    tanh: tanh, tanhSlope: tanhSlope,
    softmax: softmax,
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = formulas; // node (tests)
  }
  root.ActfnFormulas = formulas;
  if (typeof document === "undefined") return;

  // -- Widgets ------------------------------------------------------------------------------------
  var SVG = "http://www.w3.org/2000/svg";
  var FUNCTIONS = {
    relu: { name: "렐루(ReLU)", f: relu, df: reluSlope },
    leaky_relu: { name: "리키 렐루", f: leakyRelu, df: leakyReluSlope, alpha: true },
    sigmoid: { name: "시그모이드", f: sigmoid, df: sigmoidSlope },
    tanh: { name: "tanh", f: tanh, df: tanhSlope },
  };
  var uid = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function fmt(v) {
    var s = v.toFixed(4);
    return s === "-0.0000" ? "0.0000" : s.replace("-", "\u2212");
  }
  /** A labelled range input; returns {row, input, out}. */
  function slider(label, min, max, step, value) {
    var id = "actfn-explorer-" + (++uid);
    var row = el("div", { class: "actfn-explorer__control" });
    row.appendChild(el("label", { for: id }, label));
    var input = el("input", { type: "range", id: id, min: min, max: max, step: step, value: value });
    var out = el("output", { for: id });
    row.appendChild(input);
    row.appendChild(out);
    return { row: row, input: input, out: out };
  }

  function functionsWidget(box) {
    var names = (box.dataset.functions || "relu,leaky_relu,sigmoid,tanh").split(",")
      .map(function (s) { return s.trim(); }).filter(function (s) { return FUNCTIONS[s]; });
    var X0 = -4, X1 = 4, Y0 = -1.5, Y1 = 2.5, W = 480, H = 260, PAD = 28;
    var sx = function (x) { return PAD + (x - X0) / (X1 - X0) * (W - 2 * PAD); };
    // Values outside [Y0, Y1] are drawn and then clipped (a clamp would fake a flat curve).
    var sy = function (y) { return H - PAD - (Math.max(Y0 - 50, Math.min(Y1 + 50, y)) - Y0) / (Y1 - Y0) * (H - 2 * PAD); };
    var clipId = "actfn-explorer-clip-" + (++uid);

    var controls = el("div", { class: "actfn-explorer__controls" });
    var xs = slider("입력 x", X0, X1, 0.1, box.dataset.x || "1");
    controls.appendChild(xs.row);
    var hasAlpha = names.some(function (n) { return FUNCTIONS[n].alpha; });
    var as = slider("리키 렐루의 α", 0, 0.5, 0.01, box.dataset.alpha || "0.1");
    if (hasAlpha) controls.appendChild(as.row);

    var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, class: "actfn-explorer__plot", role: "img" });
    // nohighlight: Sphinx's search-term highlighter skips it (a <title> has no getBBox to draw a mark).
    var title = svgEl("title", { class: "nohighlight" });
    svg.appendChild(title);
    var clip = svgEl("clipPath", { id: clipId });
    clip.appendChild(svgEl("rect", { x: sx(X0), y: sy(Y1), width: sx(X1) - sx(X0), height: sy(Y0) - sy(Y1) }));
    svg.appendChild(clip);
    var plotArea = svgEl("g", { "clip-path": "url(#" + clipId + ")" });
    svg.appendChild(svgEl("line", { x1: sx(X0), x2: sx(X1), y1: sy(0), y2: sy(0), class: "axis" }));
    svg.appendChild(svgEl("line", { x1: sx(0), x2: sx(0), y1: sy(Y0), y2: sy(Y1), class: "axis" }));
    [-3, -2, -1, 1, 2, 3].forEach(function (t) {
      var label = svgEl("text", { x: sx(t), y: sy(0) + 16, class: "tick", "text-anchor": "middle" });
      label.textContent = String(t).replace("-", "\u2212");
      svg.appendChild(label);
    });
    [-1, 1, 2].forEach(function (t) {
      var label = svgEl("text", { x: sx(0) - 6, y: sy(t) + 4, class: "tick", "text-anchor": "end" });
      label.textContent = String(t).replace("-", "\u2212");
      svg.appendChild(label);
    });
    var cursor = svgEl("line", { y1: sy(Y0), y2: sy(Y1), class: "cursor" });
    svg.appendChild(cursor);
    svg.appendChild(plotArea);
    // Drawn in reverse so the first function (e.g. ReLU) stays on top where curves coincide.
    var series = names.map(function (n, i) {
      // Where ReLU and Leaky ReLU coincide (x > 0) the wider Leaky ReLU line shows under ReLU's.
      var wide = n === "leaky_relu" && names.indexOf("relu") >= 0 ? " wide" : "";
      return { key: n, i: i, path: svgEl("polyline", { class: "curve c" + i + wide, fill: "none" }),
        tangent: svgEl("line", { class: "tangent c" + i }), dot: svgEl("circle", { r: 4.5, class: "dot c" + i }) };
    });
    series.slice().reverse().forEach(function (s) {
      plotArea.appendChild(s.path);
      plotArea.appendChild(s.tangent);
      plotArea.appendChild(s.dot);
    });

    var table = el("table", { class: "actfn-explorer__table" });
    var head = el("tr");
    ["함수", "값 f(x)", "기울기 f\u2032(x)"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody", { "aria-live": "polite" });
    table.appendChild(body);
    var rows = series.map(function (s, i) {
      var tr = el("tr");
      var th = el("th", { scope: "row" });
      th.appendChild(el("span", { class: "swatch c" + i, "aria-hidden": "true" }));
      th.appendChild(document.createTextNode(FUNCTIONS[s.key].name));
      tr.appendChild(th);
      var v = el("td"), d = el("td");
      tr.appendChild(v);
      tr.appendChild(d);
      body.appendChild(tr);
      return { v: v, d: d };
    });

    function update() {
      var x = parseFloat(xs.input.value), a = parseFloat(as.input.value);
      xs.out.textContent = fmt(x).replace(/0+$/, "").replace(/\.$/, ".0");
      as.out.textContent = a.toFixed(2);
      cursor.setAttribute("x1", sx(x));
      cursor.setAttribute("x2", sx(x));
      var described = [];
      series.forEach(function (s, i) {
        var fn = FUNCTIONS[s.key];
        var f = function (t) { return fn.f(t, a); };
        var pts = [];
        for (var k = 0; k <= 160; k++) {
          var t = X0 + (X1 - X0) * k / 160;
          pts.push(sx(t).toFixed(1) + "," + sy(f(t)).toFixed(1));
        }
        s.path.setAttribute("points", pts.join(" "));
        var y = f(x), slope = fn.df(x, a);
        s.dot.setAttribute("cx", sx(x));
        s.dot.setAttribute("cy", sy(y));
        var h = 0.6; // tangent segment: from x - h to x + h
        s.tangent.setAttribute("x1", sx(x - h));
        s.tangent.setAttribute("y1", sy(y - h * slope));
        s.tangent.setAttribute("x2", sx(x + h));
        s.tangent.setAttribute("y2", sy(y + h * slope));
        rows[i].v.textContent = fmt(y);
        rows[i].d.textContent = fmt(slope);
        described.push(fn.name + " 값 " + fmt(y) + ", 기울기 " + fmt(slope));
      });
      title.textContent = "x = " + x.toFixed(1) + "에서 " + described.join("; ");
    }
    xs.input.addEventListener("input", update);
    as.input.addEventListener("input", update);
    box.appendChild(controls);
    var figure = el("div", { class: "actfn-explorer__figure" });
    figure.appendChild(svg);
    figure.appendChild(table);
    box.appendChild(figure);
    update();
  }

  function softmaxWidget(box) {
    var logits = (box.dataset.logits || "2,1,0.1").split(",").map(parseFloat);
    var controls = el("div", { class: "actfn-explorer__controls" });
    var inputs = logits.map(function (z, i) {
      var s = slider("로짓 z" + String.fromCharCode(0x2081 + i), -5, 5, 0.1, z);
      controls.appendChild(s.row);
      return s;
    });
    var ts = slider("온도 T", 0.1, 5, 0.1, box.dataset.temperature || "1");
    controls.appendChild(ts.row);
    var list = el("div", { class: "actfn-explorer__bars", "aria-live": "polite", role: "list" });
    var bars = inputs.map(function (_, i) {
      var item = el("div", { class: "actfn-explorer__bar", role: "listitem" });
      var label = el("span", { class: "label" }, "p" + String.fromCharCode(0x2081 + i));
      var track = el("span", { class: "track", "aria-hidden": "true" });
      var fill = el("span", { class: "fill c" + i });
      track.appendChild(fill);
      var value = el("span", { class: "value" });
      item.appendChild(label);
      item.appendChild(track);
      item.appendChild(value);
      list.appendChild(item);
      return { fill: fill, value: value };
    });
    var sum = el("p", { class: "actfn-explorer__note" });

    function update() {
      var z = inputs.map(function (s) { return parseFloat(s.input.value); });
      var t = parseFloat(ts.input.value);
      inputs.forEach(function (s, i) { s.out.textContent = fmt(z[i]).replace(/00$/, ""); });
      ts.out.textContent = t.toFixed(1);
      var p = softmax(z, t);
      p.forEach(function (v, i) {
        bars[i].fill.style.width = (100 * v).toFixed(2) + "%";
        bars[i].value.textContent = fmt(v);
      });
      var total = p.reduce(function (a, b) { return a + b; }, 0);
      sum.textContent = "softmax(z / T), 합계 " + total.toFixed(4) +
        ". T가 작을수록 가장 큰 로짓에 몰리고, 클수록 고르게 퍼집니다.";
    }
    inputs.forEach(function (s) { s.input.addEventListener("input", update); });
    ts.input.addEventListener("input", update);
    box.appendChild(controls);
    box.appendChild(list);
    box.appendChild(sum);
    update();
  }

  function init() {
    document.querySelectorAll(".actfn-explorer[data-kind]").forEach(function (box) {
      if (box.dataset.ready) return;
      box.dataset.ready = "1";
      var fallback = box.querySelector(".actfn-explorer__fallback");
      if (fallback) fallback.remove();
      if (box.dataset.kind === "softmax") softmaxWidget(box);
      else functionsWidget(box);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(typeof window !== "undefined" ? window : globalThis);
