// Run Sphinx's own search code from a built site under node, without a browser.
//
//   node harness.js <html-dir>   < request.json   > response.json
//
// request:  {"queries": ["시그모이드를", ...], "summaries": [1, 3], "repeat": 0, "search": true}
// response: {"results": {"<query>": {"terms": [...], "alternatives": [[...], ...],
//                                    "highlight": [...], "docs": [...]}},
//            "summaries": {"3": "..."}, "ms_per_query": 0.4}
//
// terms: the query's search terms (Sphinx's); alternatives: the ways of spacing the query that
// ko_search.js searches (each an AND of terms; absent for other languages); highlight: the terms
// the results highlight. With "repeat": n, every query runs n more times and ms_per_query is the
// mean time of one (a benchmark figure for bench/search_recall.py, never asserted). With "search": false,
// the queries are only parsed (terms, alternatives; no docs).
//
// The site's scripts are loaded into one shared global scope, in the order the search page loads
// them (documentation_options.js, doctools.js, translations.js, searchtools.js, language_data.js,
// searchindex.js). Only the DOM is stubbed: the query goes through Search._parseQuery and
// Search._performSearch exactly as Search.query does in the browser, and the summary line through
// searchtools.js's own _finishSearch.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const htmlDir = process.argv[2];
const request = JSON.parse(fs.readFileSync(0, "utf8"));

const noop = () => {};
const document = {
  readyState: "loading", // keeps _ready() callbacks (Search.init, Documentation.init) from running
  addEventListener: noop,
  getElementById: () => null,
  querySelector: () => null,
  querySelectorAll: () => [],
  documentElement: { dataset: { content_root: "./" } },
  createElement: () => ({ classList: { add: noop }, appendChild: (c) => c, setAttribute: noop }),
  body: { appendChild: (c) => c },
};
const context = {
  console,
  document,
  localStorage: { setItem: noop, getItem: () => null, removeItem: noop },
  location: { search: "" },
  setTimeout,
  URLSearchParams,
  performance,
  SPHINX_HIGHLIGHT_ENABLED: false,
};
context.window = context;
vm.createContext(context);

const scripts = [
  "_static/documentation_options.js",
  "_static/doctools.js",
  "_static/translations.js",
  "_static/searchtools.js",
  "_static/language_data.js",
  "searchindex.js",
];
for (const name of scripts) {
  const file = path.join(htmlDir, name);
  if (name.endsWith("translations.js") && !fs.existsSync(file)) continue;
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
}

const run = (code) => vm.runInContext(code, context);
const response = { results: {}, summaries: {} };
context.__queries = request.queries || [];
context.__search = request.search !== false;
response.results = run(`(() => {
  const out = {};
  for (const query of __queries) {
    const [q, terms, excluded, highlight, objects] = Search._parseQuery(query);
    const parsedTerms = [...terms]; // the search adds the terms that matched (for the summaries)
    const results = __search ? Search._performSearch(q, terms, excluded, highlight, objects) : [];
    out[query] = {
      terms: parsedTerms,
      alternatives: terms.koAlternatives,
      highlight: [...highlight],
      docs: [...new Set(results.map((r) => r[0]))],
    };
  }
  return out;
})()`);
if (request.repeat) {
  response.ms_per_query = run(`(() => {
    const start = performance.now();
    for (let i = 0; i < ${Number(request.repeat)}; i++)
      for (const query of __queries) Search._performSearch(...Search._parseQuery(query));
    return (performance.now() - start) / (${Number(request.repeat)} * __queries.length);
  })()`);
}
for (const n of request.summaries || []) {
  run(`Search.title = {}; Search.status = {}; _finishSearch(${Number(n)});`);
  response.summaries[n] = run("Search.status.innerText");
}
process.stdout.write(JSON.stringify(response));
