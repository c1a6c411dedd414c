() => {
  const rgba = value => (value.match(/[\d.]+/g) || []).map(Number);
  const opaque = el => {
    for (let a = el; a; a = a.parentElement) {
      const c = rgba(getComputedStyle(a).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const article = document.querySelector(".bd-article") || document.body;
  return {
    theme: document.documentElement.dataset.theme || null,
    mode: document.documentElement.dataset.mode || null,
    background: opaque(article),
    text: rgba(getComputedStyle(article).color).slice(0, 3),
  };
}
