() => [...document.querySelectorAll(".bd-article img, .bd-article svg")].filter(el => {
  if (el.closest("button, a.headerlink") || el.parentElement.closest("svg")) return false;
  const rect = el.getBoundingClientRect();
  return rect.width >= 64 && rect.height >= 64 && el.checkVisibility();
}).map((el, i) => { el.dataset.legibilityProbe = String(i); return i; })
