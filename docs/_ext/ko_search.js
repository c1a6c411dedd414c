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

/* Make multi-word queries an AND, highlight stems, and give the result summary a Korean sentence.
 * Runs when this file loads and again before every query, so it works whichever of
 * searchtools.js, doctools.js and translations.js a page loads first. */
function koSearchInstall() {
  if (typeof Search !== "undefined" && !Search.performTermsSearch.koAll) {
    // Sphinx requires only the words longer than two letters (searchtools.js performTermsSearch);
    // Korean nouns are often two syllables (함수, 확률), so require every word.
    var termsSearch = Search.performTermsSearch;
    Search.performTermsSearch = function (searchTerms, excludedTerms) {
      var results = termsSearch(searchTerms, excludedTerms);
      if (searchTerms.size < 2) return results;
      var pagesPerTerm = [];
      searchTerms.forEach(function (term) {
        var pages = termsSearch(new Set([term]), new Set()).map(function (r) { return r[0]; });
        pagesPerTerm.push(new Set(pages));
      });
      return results.filter(function (r) {
        return pagesPerTerm.every(function (pages) { return pages.has(r[0]); });
      });
    };
    Search.performTermsSearch.koAll = true;
  }

  if (typeof Search !== "undefined" && !Search._parseQuery.koStems) {
    // Highlight the stems too (시그모이드 inside 시그모이드는), in the summaries and, through
    // sphinx_highlight.js, on the page a result opens; Sphinx highlights only the words typed.
    var parseQuery = Search._parseQuery;
    Search._parseQuery = function (query) {
      var parsed = parseQuery(query);
      var highlightTerms = parsed[3];
      parsed[1].forEach(function (term) {
        if (KO_HANGUL.test(term)) highlightTerms.add(term);
      });
      if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED)
        localStorage.setItem("sphinx_highlight_terms", [...highlightTerms].join(" "));
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
koSearchInstall();
