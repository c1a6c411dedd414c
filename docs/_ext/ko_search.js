/*
 * Korean search for Sphinx: the browser half of docs/_ext/ko_search.py.
 *
 * ko_search.py puts this file into language_data.js after Sphinx's own English snowball stemmer
 * and after `var KO_SEARCH = {...}`, the suffix table it also uses to build the index. Every rule
 * here mirrors a rule there; tests/test_search_parity.py checks that both give identical terms.
 *
 * Globals are declared with var/function only: searchtools.js declares `var splitQuery`, and
 * scripts loaded in one page share one global scope.
 */

var KO_HANGUL = /^[\uAC00-\uD7A3]+$/;

/* KO_SEARCH.suffixes arrives grouped by what must precede ({"C": "이 은 을 ...", ...}): make it
 * a map from each suffix to its kind, as ko_search.py's SUFFIXES. */
var KO_SUFFIXES = {};
Object.keys(KO_SEARCH.suffixes).forEach(function (after) {
  KO_SEARCH.suffixes[after].split(" ").forEach(function (suffix) {
    KO_SUFFIXES[suffix] = after;
  });
});

/* Split text into search words: runs of letters, digits and "_" (Python's \w), cut where Hangul
 * meets other letters (ReLU는 -> ReLU, 는), dropping Hangul words that are only a particle. */
function splitQuery(query) {
  koSearchInstall();
  var words = [];
  var runs = query.normalize("NFC").match(/[\p{L}\p{N}_]+/gu) || [];
  runs.forEach(function (run) {
    run.match(/[\uAC00-\uD7A3]+|[^\uAC00-\uD7A3]+/g).forEach(function (piece) {
      if (!KO_SUFFIXES.hasOwnProperty(piece)) words.push(piece);
    });
  });
  return words;
}

/* Final-consonant class of a Hangul syllable: "V" (none), "L" (ㄹ) or "C" (any other). */
function koFinal(syllable) {
  var jong = (syllable.charCodeAt(0) - 0xac00) % 28;
  return jong === 0 ? "V" : jong === 8 ? "L" : "C";
}

/* May `suffix` come off `word`, leaving `stem`? (the allomorph and length rules of ko_search.py) */
function koStrippable(word, stem, suffix) {
  if (stem.length < 2 && KO_SEARCH.mono.indexOf(stem) < 0) return false;
  if (stem[stem.length - 1] === "으") return false; // 끝으로 is 끝 + 으로
  var cutsKeep = KO_SEARCH.keep.some(function (keep) {
    return stem.length < keep.length && word.startsWith(keep);
  });
  if (cutsKeep) return false; // never cut into 스케일, 텐서플로 (텐서플로는 is 텐서플로 + 는)
  var after = KO_SUFFIXES[suffix];
  var fin = koFinal(stem[stem.length - 1]);
  if (after === "C") return fin !== "V";
  if (after === "V") return fin === "V";
  if (after === "L") return fin !== "C";
  return true;
}

/* Take particles and endings off a Hangul word, longest first, until none applies. */
function koStem(word) {
  var stripped = true;
  while (stripped) {
    stripped = false;
    for (var n = Math.min(word.length - 1, KO_SEARCH.longest); n > 0; n--) {
      var suffix = word.slice(-n);
      if (KO_SUFFIXES.hasOwnProperty(suffix)) {
        var stem = word.slice(0, -n);
        if (koStrippable(word, stem, suffix)) {
          word = stem;
          stripped = true;
          break;
        }
      }
    }
  }
  return word;
}

/* The Stemmer searchtools.js instantiates: Korean rules for Hangul words, Sphinx's English
 * snowball stemmer for everything else. */
function KoreanStemmer() {
  var english = new EnglishStemmer();
  this.stemWord = function (word) {
    if (KO_HANGUL.test(word)) return koStem(word);
    var stem = english.stemWord(word);
    // the index keeps the word itself when its stem is a stopword (IndexBuilder.feed)
    return stopwords.has(stem) && !stopwords.has(word) ? word : stem;
  };
}
var Stemmer = KoreanStemmer;

/* -- Spacing: ko_search.py's alternatives(), the same rules in the same order ---------------------
 * A query is searched as every way of spacing it that the index can answer (each an AND of terms):
 * adjacent Hangul words joined when the joined stem is an index term (소프트 맥스 -> 소프트맥스), and
 * a Hangul word the index does not hold split into index terms (활성화함수를 -> 활성화, 함수). */
var KO_TOKEN = /[^ \t\n\r\f\v\u00a0\u3000]+/g;

/* May `term` be a part of a split word or a joined word: an index term of two syllables or more,
 * or a one-syllable noun of KO_SEARCH.mono? */
function koIsPart(term, known) {
  return (term.length >= 2 || KO_SEARCH.mono.indexOf(term) >= 0) && known(term);
}

/* Split a Hangul word into two or more index terms: the fewest parts, the longest first part
 * first, the last part stemmed (활성화함수를 -> 활성화, 함수); null if it cannot be split. Only
 * the first part may be any one-syllable term (a word in front of a noun: 세함수 -> 세, 함수). */
function koSegment(word, known) {
  word = word.toLowerCase();
  var memo = {};
  function best(start) {
    if (memo.hasOwnProperty(start)) return memo[start];
    var choice = null;
    var last = koStem(word.slice(start));
    if (start > 0 && koIsPart(last, known)) choice = [last];
    for (var end = word.length - 1; end > start; end--) {
      var part = word.slice(start, end);
      // the first part may be any term (세함수 -> 세, 함수), the others are koIsPart
      if (start === 0 ? known(part) : koIsPart(part, known)) {
        var rest = best(end);
        if (rest !== null && (choice === null || rest.length + 1 < choice.length))
          choice = [part].concat(rest);
      }
    }
    memo[start] = choice;
    return choice;
  }
  return best(0);
}

/* The query's words, and every way of joining adjacent Hangul words into an index term. */
function koRespacings(tokens, known) {
  if (!tokens.length) return [[]];
  var ways = koRespacings(tokens.slice(1), known).map(function (rest) {
    return [tokens[0]].concat(rest);
  });
  if (KO_HANGUL.test(tokens[0])) {
    for (var end = 2; end <= tokens.length; end++) {
      if (!KO_HANGUL.test(tokens[end - 1])) break;
      var joined = tokens.slice(0, end).join("");
      if (koIsPart(koStem(joined), known)) {
        koRespacings(tokens.slice(end), known).forEach(function (rest) {
          ways.push([joined].concat(rest));
        });
      }
    }
  }
  return ways.slice(0, KO_SEARCH.maxAlternatives);
}

/* The search terms of a text as Search._parseQuery makes them (ko_search.py's search_terms); with
 * `split`, a Hangul word whose term the index does not hold gives its parts instead, when it has
 * some. */
function koTerms(text, known, split) {
  var stemmer = new Stemmer();
  var terms = [];
  splitQuery(text.trim()).forEach(function (word) {
    var lower = word.toLowerCase();
    if (stopwords.has(lower) || word.match(/^\d+$/)) return;
    var term = stemmer.stemWord(lower);
    var parts = null;
    if (split && KO_HANGUL.test(word) && !known(term)) parts = koSegment(word, known);
    (parts || [term]).forEach(function (t) {
      if (terms.indexOf(t) < 0) terms.push(t);
    });
  });
  return terms;
}

/* The ways of spacing a query that are searched, each a list of terms (the first is the query's,
 * unless a word that is only a particle joins a neighbour). */
function koAlternatives(query, known) {
  var tokens = query.normalize("NFC").match(KO_TOKEN) || [];
  var respacedWays = koRespacings(tokens, known);
  // A word that is only a particle is dropped from a query (splitQuery), unless it joins a
  // neighbour into an index term: then it was part of that word (도 함수 is 도함수, not 함수).
  var whole = respacedWays.filter(function (way) {
    return !way.some(function (token) { return KO_SUFFIXES.hasOwnProperty(token); });
  });
  if (whole.length && whole.length < respacedWays.length) respacedWays = whole;
  var ways = [];
  var seen = new Set();
  respacedWays.forEach(function (respaced) {
    var text = respaced.join(" ");
    [koTerms(text, known, false), koTerms(text, known, true)].forEach(function (terms) {
      var key = JSON.stringify(terms);
      if (!seen.has(key)) {
        seen.add(key);
        ways.push(terms);
      }
    });
  });
  return ways.slice(0, KO_SEARCH.maxAlternatives);
}

/* Does the loaded index hold a term (as text or title term)? */
function koKnown(term) {
  var index = typeof Search !== "undefined" ? Search._index : null;
  if (!index) return false;
  return index.terms.hasOwnProperty(term) || index.titleterms.hasOwnProperty(term);
}

/* Search every way of spacing a query (koAlternatives), each as an AND of all its words, highlight
 * what matched, and give the result summary a Korean sentence. Runs when this file loads and again
 * before every query, so it works whichever of searchtools.js, doctools.js and translations.js a
 * page loads first. */
function koSearchInstall() {
  if (typeof Search !== "undefined" && !Search.performTermsSearch.koAll) {
    var termsSearch = Search.performTermsSearch;
    // Sphinx requires only the words longer than two letters (searchtools.js performTermsSearch);
    // Korean nouns are often two syllables (함수, 확률), so require every word.
    var allOf = function (terms, excludedTerms) {
      var results = termsSearch(terms, excludedTerms);
      if (terms.size < 2) return results;
      var pagesPerTerm = [];
      terms.forEach(function (term) {
        var pages = termsSearch(new Set([term]), new Set()).map(function (r) { return r[0]; });
        pagesPerTerm.push(new Set(pages));
      });
      return results.filter(function (r) {
        return pagesPerTerm.every(function (pages) { return pages.has(r[0]); });
      });
    };
    // A page is found when it holds every term of one way of spacing the query.
    Search.performTermsSearch = function (searchTerms, excludedTerms) {
      var ways = searchTerms.koAlternatives || [[...searchTerms]];
      var byFile = new Map();
      var matched = [];
      ways.forEach(function (way) {
        var results = allOf(new Set(way), excludedTerms);
        if (results.length) matched.push(way);
        results.forEach(function (r) {
          var have = byFile.get(r[5]);
          if (!have || r[4] > have[4]) byFile.set(r[5], r);
        });
      });
      if (searchTerms.koHighlight && matched.length) {
        koHighlightMatched(searchTerms.koHighlight, matched);
        // the result summaries show the text around the last of these terms the page holds
        matched.forEach(function (way) {
          way.forEach(function (term) { searchTerms.add(term); });
        });
      }
      return [...byFile.values()];
    };
    Search.performTermsSearch.koAll = true;
  }

  if (typeof Search !== "undefined" && !Search._parseQuery.koStems) {
    // Work out the ways of spacing the query, and highlight the stems too (시그모이드 inside
    // 시그모이드는), in the summaries and, through sphinx_highlight.js, on the page a result opens;
    // Sphinx highlights only the words typed.
    var parseQuery = Search._parseQuery;
    Search._parseQuery = function (query) {
      var parsed = parseQuery(query);
      var searchTerms = parsed[1];
      var highlightTerms = parsed[3];
      searchTerms.koAlternatives = koAlternatives(query, koKnown);
      searchTerms.koHighlight = highlightTerms;
      searchTerms.forEach(function (term) {
        if (KO_HANGUL.test(term)) highlightTerms.add(term);
      });
      koStoreHighlight(highlightTerms);
      return parsed;
    };
    Search._parseQuery.koStems = true;
  }

  // Sphinx 9.0.4's Korean catalog has an empty "Search finished, found N pages" message.
  if (typeof Documentation !== "undefined" && /^ko/.test(Documentation.LOCALE)) {
    var key = "Search finished, found one page matching the search query.";
    var have = Documentation.TRANSLATIONS[key];
    if (!have || !have[0]) Documentation.TRANSLATIONS[key] = [KO_SEARCH.found, KO_SEARCH.found];
  }
}

/* Highlight what matched: the Hangul terms of the ways of spacing that found pages (활성화 and 함수
 * for 활성화함수, 소프트맥스 for 소프트 맥스) and the words typed whose stem is one of their terms;
 * longest first, so 소프트맥스 is marked whole before any shorter term could cut it. */
function koHighlightMatched(highlightTerms, matched) {
  var stemmer = new Stemmer();
  var terms = new Set();
  matched.forEach(function (way) {
    way.forEach(function (term) { terms.add(term); });
  });
  var keep = [...highlightTerms].filter(function (word) {
    return terms.has(stemmer.stemWord(word)) || (KO_HANGUL.test(word) && terms.has(word));
  });
  terms.forEach(function (term) {
    if (KO_HANGUL.test(term)) keep.push(term);
  });
  keep = [...new Set(keep)].sort(function (a, b) { return b.length - a.length; });
  highlightTerms.clear();
  keep.forEach(function (term) { highlightTerms.add(term); });
  koStoreHighlight(highlightTerms);
}

function koStoreHighlight(highlightTerms) {
  if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED)
    localStorage.setItem("sphinx_highlight_terms", [...highlightTerms].join(" "));
}
koSearchInstall();
