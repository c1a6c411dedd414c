/* The reader's controls of pydata-sphinx-theme 0.20, without the theme's start-up cost (issue 14).
 *
 * The theme's bootstrap.js (81 KB, Bootstrap + Popper) and pydata-sphinx-theme.js ran their set-up
 * on every load, and part of it forced the browser to lay out the whole page from a script:
 * bootstrap.js's back-to-top code and pydata-sphinx-theme.js's sidebar scroll and contents-syncing
 * code read element positions (getBoundingClientRect) right after the colour-mode code had changed
 * <html data-theme>, which restyles every element; on a long page that is the whole blocking time
 * Lighthouse reports, and the code-block tab stops then read the width of every <pre> once more.
 * docs/_templates/layout.html no longer loads those two files; this script does what they did for
 * a reader, and measures nothing itself: positions come from IntersectionObserver and
 * ResizeObserver entries, which the browser hands over after its own layout.
 *
 *   colour mode   the theme switch (a menu: system / light / dark), saved in localStorage as the
 *                 theme does; "auto" follows the system setting. The first colour is set before
 *                 the first paint by the inline script in layout.html.
 *   menus         the download and colour-mode menus ([data-bs-toggle="dropdown"]): open and close
 *                 on click, close on Escape or a click elsewhere, arrow keys move between items.
 *   search        every search button opens the search dialog; Ctrl+K (⌘K on a Mac) toggles it;
 *                 a click on the backdrop or Escape closes it.
 *   sidebars      on narrow screens the ☰ and "on this page" buttons open the sidebars as modal
 *                 dialogs (the theme's markup moved into the <dialog> and back, as the theme does);
 *                 on wide screens ☰ hides and shows the primary sidebar, as sphinx-book-theme.js
 *                 (still loaded: it only sets up observers) does for the first of the ☰ buttons.
 *                 Every ☰ and "on this page" button works (the theme wired only the first of each).
 *   contents      the entry of the in-page contents whose heading is in the top third of the
 *                 screen is highlighted (IntersectionObserver), as are entries reached by a link.
 *   tab stops     code blocks and outputs that scroll sideways can be reached with Tab
 *                 (ResizeObserver reports their sizes; a block that fits gets tabindex -1).
 *   sidebar       the navigation sidebar keeps its scroll position between pages, or scrolls the
 *                 current page's entry into view.
 *   back to top   the "Back to top" button appears while the reader scrolls up below the header.
 *
 * Hover hints of the toolbar buttons are their title attributes (the theme drew them with
 * Bootstrap's tooltips).
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
  var wide = window.matchMedia("(min-width: 992px)");
  var isMac = navigator.platform.indexOf("Mac") === 0 || navigator.platform === "iPhone";

  function onReady(callback) {
    if (document.readyState !== "loading") callback();
    else document.addEventListener("DOMContentLoaded", callback);
  }

  function store(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch (error) {
      /* private mode: the choice lasts for this page only */
    }
  }

  /* -- Colour mode ------------------------------------------------------------------------------ */
  function themeOf(mode) {
    return mode === "auto" ? (prefersDark.matches ? "dark" : "light") : mode;
  }

  function setMode(mode) {
    if (mode !== "light" && mode !== "dark" && mode !== "auto") mode = "auto";
    var theme = themeOf(mode);
    root.dataset.mode = mode;
    root.dataset.theme = theme;
    store("mode", mode);
    store("theme", theme);
    syncMenus();
  }

  // The menus follow the colour (Bootstrap's dark menu) and show the chosen mode; only the open
  // menu is visible, so this runs when a menu opens or the mode changes, never at start-up.
  function syncMenus() {
    var dark = root.dataset.theme === "dark";
    document.querySelectorAll(".dropdown-menu").forEach(function (menu) {
      menu.classList.toggle("dropdown-menu-dark", dark);
    });
    document.querySelectorAll(".theme-change-button").forEach(function (button) {
      var chosen = button.dataset.mode === root.dataset.mode;
      button.classList.toggle("active", chosen);
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
    });
  }

  prefersDark.addEventListener("change", function () {
    if (root.dataset.mode === "auto") root.dataset.theme = themeOf("auto");
  });

  /* -- Menus ([data-bs-toggle="dropdown"]) --------------------------------------------------------- */
  function menuOf(toggle) {
    return toggle.parentElement && toggle.parentElement.querySelector(".dropdown-menu");
  }

  function items(menu) {
    return Array.prototype.filter.call(
      menu.querySelectorAll(".dropdown-item"),
      function (item) { return !item.disabled && !item.classList.contains("disabled"); }
    );
  }

  function closeMenu(toggle, focusToggle) {
    var menu = menuOf(toggle);
    if (!menu || !menu.classList.contains("show")) return;
    menu.classList.remove("show");
    toggle.classList.remove("show");
    toggle.setAttribute("aria-expanded", "false");
    if (focusToggle) toggle.focus();
  }

  function openToggles() {
    return Array.prototype.filter.call(
      document.querySelectorAll('[data-bs-toggle="dropdown"][aria-expanded="true"]'),
      function (toggle) { return menuOf(toggle); }
    );
  }

  function openMenu(toggle) {
    var menu = menuOf(toggle);
    if (!menu) return;
    openToggles().forEach(function (other) { closeMenu(other, false); });
    syncMenus();
    menu.setAttribute("data-bs-popper", "static"); // Bootstrap's CSS places a static menu
    menu.classList.add("show");
    toggle.classList.add("show");
    toggle.setAttribute("aria-expanded", "true");
  }

  function setUpMenus() {
    document.querySelectorAll('[data-bs-toggle="dropdown"]').forEach(function (toggle) {
      if (!toggle.hasAttribute("aria-expanded")) toggle.setAttribute("aria-expanded", "false");
    });
    document.addEventListener("click", function (event) {
      var toggle = event.target.closest('[data-bs-toggle="dropdown"]');
      if (toggle) {
        event.preventDefault();
        if (toggle.getAttribute("aria-expanded") === "true") closeMenu(toggle, false);
        else openMenu(toggle);
        return;
      }
      // A click on an item or anywhere else closes the open menu (Bootstrap's autoClose: true).
      openToggles().forEach(function (open) { closeMenu(open, false); });
    });
    document.addEventListener("keydown", function (event) {
      var open = openToggles()[0];
      var inside = event.target.closest && event.target.closest(".dropdown");
      if (event.key === "Escape" && open) {
        closeMenu(open, true);
        return;
      }
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var toggle = inside && inside.querySelector('[data-bs-toggle="dropdown"]');
      if (!toggle || !menuOf(toggle)) return;
      event.preventDefault();
      if (toggle.getAttribute("aria-expanded") !== "true") openMenu(toggle);
      var list = items(menuOf(toggle));
      if (!list.length) return;
      var at = list.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (at < 0) next = event.key === "ArrowDown" ? 0 : list.length - 1;
      list[Math.max(0, Math.min(list.length - 1, next))].focus();
    });
    document.querySelectorAll(".theme-change-button").forEach(function (button) {
      button.addEventListener("click", function () { setMode(button.dataset.mode); });
    });
  }

  /* -- Dialogs: search and narrow-screen sidebars ------------------------------------------------ */
  // A click on a modal dialog's backdrop lands on the <dialog> itself, outside its box.
  function closeOnBackdrop(event) {
    var dialog = event.currentTarget;
    if (!dialog.open || event.target !== dialog) return;
    var box = dialog.getBoundingClientRect(); // a click, not start-up: the layout is current
    var outside =
      event.clientX < box.left || event.clientX > box.right ||
      event.clientY < box.top || event.clientY > box.bottom;
    if (outside) dialog.close();
  }

  function closeOnEscape(event) {
    // sphinx_highlight.js handles Escape on the document (hiding search terms) and stops the
    // dialog's own Escape handling: close it here, as the theme does.
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      event.currentTarget.close();
    }
  }

  function searchInput() {
    var forms = document.querySelectorAll("form.bd-search");
    if (!forms.length) return null;
    var form = forms.length === 1 ? forms[0] : document.querySelector(":not(#pst-search-dialog) > form.bd-search");
    return form && form.querySelector("input");
  }

  function toggleSearch() {
    var dialog = document.getElementById("pst-search-dialog");
    var input = searchInput();
    if (!dialog || !input) return;
    if (input === dialog.querySelector("input")) {
      if (dialog.open) dialog.close();
      else dialog.showModal();
    } else if (document.activeElement === input) {
      input.blur();
    } else {
      input.focus();
      input.select();
      input.scrollIntoView({ block: "center" });
    }
  }

  function setUpSearch() {
    if (isMac) {
      document.querySelectorAll(".search-button__kbd-shortcut kbd.kbd-shortcut__modifier:first-child")
        .forEach(function (kbd) { kbd.textContent = "⌘"; });
    }
    document.querySelectorAll(".search-button__button").forEach(function (button) {
      button.addEventListener("click", toggleSearch);
    });
    window.addEventListener("keydown", function (event) {
      var command = isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
      if (command && !event.shiftKey && !event.altKey && /^k$/i.test(event.key)) {
        event.preventDefault();
        toggleSearch();
      }
    }, true);
    var dialog = document.getElementById("pst-search-dialog");
    if (dialog) {
      dialog.addEventListener("click", closeOnBackdrop);
      dialog.addEventListener("keydown", closeOnEscape);
    }
  }

  function setUpSidebars() {
    [
      [".primary-toggle", "pst-primary-sidebar-modal", "pst-primary-sidebar"],
      [".secondary-toggle", "pst-secondary-sidebar-modal", "pst-secondary-sidebar"],
    ].forEach(function (parts) {
      var dialog = document.getElementById(parts[1]);
      var sidebar = document.getElementById(parts[2]);
      if (!dialog || !sidebar) return;
      var move = function (from, to) {
        Array.prototype.slice.call(from.childNodes).forEach(function (node) { to.appendChild(node); });
        Array.prototype.slice.call(from.classList).forEach(function (name) {
          from.classList.remove(name);
          to.classList.add(name);
        });
      };
      document.querySelectorAll(parts[0]).forEach(function (toggle) {
        toggle.addEventListener("click", function (event) {
          event.preventDefault();
          event.stopPropagation();
          // Wide screens show the primary sidebar beside the text: the toggle hides and shows it
          // (sphinx-book-theme.js does this for the first toggle and stops this listener there).
          if (parts[0] === ".primary-toggle" && wide.matches) {
            sidebar.classList.toggle("pst-sidebar-hidden");
            return;
          }
          if (dialog.open) return;
          var before = document.activeElement;
          move(sidebar, dialog);
          dialog.showModal();
          dialog.addEventListener("close", function () {
            if (before && before.focus) before.focus();
          }, { once: true });
        });
      });
      dialog.addEventListener("click", closeOnBackdrop);
      dialog.addEventListener("keydown", closeOnEscape);
      dialog.addEventListener("close", function () { move(dialog, sidebar); });
    });
  }

  /* -- In-page contents: highlight the section being read -------------------------------------- */
  function setUpContents() {
    var toc = document.getElementById("pst-page-toc-nav");
    if (!toc || !("IntersectionObserver" in window)) return;
    var entries = Array.prototype.slice.call(toc.querySelectorAll(".toc-entry"));
    var links = Array.prototype.slice.call(toc.querySelectorAll("a"));
    var linkOf = new Map();
    links.forEach(function (link) {
      var href = link.getAttribute("href") || "";
      if (href.charAt(0) !== "#" || href.length < 2) return;
      var target = document.getElementById(decodeURIComponent(href.slice(1)));
      if (!target) return;
      linkOf.set(target.querySelector("h1, h2, h3, h4, h5, h6") || target, link);
    });
    if (!linkOf.size) return;
    var paused = false;

    function activate(link) {
      links.forEach(function (other) {
        var on = other === link;
        other.classList.toggle("active", on);
        if (on) other.setAttribute("aria-current", "true");
        else other.removeAttribute("aria-current");
      });
      entries.forEach(function (entry) { entry.classList.toggle("active", entry.contains(link)); });
    }

    function follow(hash) {
      var link = links.find(function (l) { return hash.length > 1 && l.hash === hash; });
      if (!link) return;
      // The browser scrolls to the heading: do not let the headings it passes take over.
      paused = true;
      setTimeout(function () { paused = false; }, 1000);
      activate(link);
    }

    follow(window.location.hash);
    window.addEventListener("hashchange", function () { follow(window.location.hash); });
    window.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a");
      if (link && link.hash === window.location.hash && link.origin === window.location.origin) follow(link.hash);
    });

    var observer = null;
    var inBand = new Set();  // headings now in the reading band below the header
    function observeHeadings(headerHeight) {
      if (observer) observer.disconnect();
      inBand.clear();
      observer = new IntersectionObserver(function (changes) {
        changes.forEach(function (c) {
          if (c.isIntersecting) inBand.add(c.target);
          else inBand.delete(c.target);
        });
        if (paused) return;
        // Several short sections can share the band: the reader is at the topmost of them
        // (linkOf is in document order). An empty band keeps the section being read.
        var top = null;
        linkOf.forEach(function (_, heading) { if (!top && inBand.has(heading)) top = heading; });
        if (top) activate(linkOf.get(top));
      }, { rootMargin: "-" + Math.round(headerHeight) + "px 0px -70% 0px", threshold: 0 });
      linkOf.forEach(function (_, heading) { observer.observe(heading); });
    }

    // The band starts below the sticky header. Its height comes from an observer entry (the
    // theme measured it with getBoundingClientRect, which forces a layout at start-up), and again
    // when the header changes size (narrow ↔ wide screens).
    var header = document.getElementById("pst-header");
    var height = -1;
    if (header && "ResizeObserver" in window) {
      new ResizeObserver(function (changes) {
        var box = changes[changes.length - 1].borderBoxSize;
        var now = box && box[0] ? box[0].blockSize : changes[changes.length - 1].contentRect.height;
        if (now !== height) {
          height = now;
          observeHeadings(height);
        }
      }).observe(header);
    } else {
      observeHeadings(0);
    }
  }

  /* -- Tab stops on code and outputs that scroll sideways ----------------------------------------- */
  function setUpTabStops() {
    if (!("ResizeObserver" in window)) return;
    var blocks = document.querySelectorAll(
      "pre, .cell_output > .output, .pst-scrollable-table-container, .jp-RenderedHTMLCommon"
    );
    if (!blocks.length) return;
    // Called after the browser's layout: read every size first, then write.
    var sizes = new ResizeObserver(function (changes) {
      var stops = changes.map(function (change) {
        var el = change.target;
        return el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight ? 0 : -1;
      });
      changes.forEach(function (change, i) {
        if (change.target.tabIndex !== stops[i]) change.target.tabIndex = stops[i];
      });
    });
    blocks.forEach(function (block) { sizes.observe(block); });
  }

  /* -- Navigation sidebar: keep its scroll position ---------------------------------------------- */
  function setUpSidebarScroll() {
    var nav = document.querySelector(".bd-docs-nav");
    var sidebar = document.querySelector("div.bd-sidebar");
    if (!nav || !sidebar || !("IntersectionObserver" in window)) return;
    var stored = parseInt(sessionStorage.getItem("sidebar-scroll-top"), 10);
    var active = nav.querySelectorAll(".active");
    var last = active[active.length - 1];
    // One observer callback after the first layout carries both boxes; nothing is measured here.
    var seen = new IntersectionObserver(function (changes) {
      seen.disconnect();
      if (!isNaN(stored)) {
        sidebar.scrollTop = stored;
        return;
      }
      var box = {};
      changes.forEach(function (c) { box[c.target === sidebar ? "sidebar" : "link"] = c.boundingClientRect; });
      if (box.link && box.sidebar && box.link.y > window.innerHeight * 0.5) {
        sidebar.scrollTop = box.link.y - box.sidebar.y - sidebar.clientHeight * 0.25;
      }
    });
    seen.observe(sidebar);
    if (last) seen.observe(last);
    window.addEventListener("pagehide", function () {
      sessionStorage.setItem("sidebar-scroll-top", sidebar.scrollTop);
    });
  }

  /* -- Back to top --------------------------------------------------------------------------------- */
  function setUpBackToTop() {
    var button = document.getElementById("pst-back-to-top");
    var header = document.querySelector(".bd-header");
    if (!button || !header || !("IntersectionObserver" in window)) return;
    var headerBottom = Infinity;
    var seen = new IntersectionObserver(function (changes) {
      seen.disconnect();
      headerBottom = changes[0].boundingClientRect.bottom + window.scrollY;
    });
    seen.observe(header);
    // The previous position is first read in a scroll event: reading window.scrollY here, at
    // start-up, would make the browser lay out the whole page for it.
    var last = null;
    window.addEventListener("scroll", function () {
      var y = window.scrollY;
      if (last !== null) button.style.display = y < last && y > headerBottom ? "block" : "none";
      last = y;
    }, { passive: true });
    button.addEventListener("click", function () {
      document.body.scrollTop = 0;
      root.scrollTop = 0;
    });
  }

  onReady(function () {
    setUpMenus();
    setUpSearch();
    setUpSidebars();
    setUpContents();
    setUpTabStops();
    setUpSidebarScroll();
    setUpBackToTop();
  });
})();
