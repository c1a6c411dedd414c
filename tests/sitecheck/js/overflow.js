(limit) => {
  const doc = document.scrollingElement || document.documentElement;
  const width = Math.max(doc.scrollWidth, document.body ? document.body.scrollWidth : 0);
  // A wide element is fine inside something that scrolls sideways (code, tables, display math) or
  // in fixed-position chrome (off-canvas sidebars). Anywhere else it either widens the page or,
  // under a clipping ancestor (overflow: hidden, content-visibility), is cut off for the reader.
  const reachable = el => {
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.position === "fixed") return true;
      if (a !== el && ["auto", "scroll"].includes(style.overflowX)) return true;
    }
    return false;
  };
  const wide = new Set();
  for (const el of document.body.querySelectorAll("*")) {
    const rect = el.getBoundingClientRect();
    if (rect.width > 0 && rect.right + window.scrollX > limit + 1
        && el.checkVisibility({visibilityProperty: true}) && !reachable(el)) wide.add(el);
  }
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].slice(0, 3).map(c => "." + c).join("");
  const path = el => {
    const parts = [];
    for (let a = el; a && a !== document.body && parts.length < 4; a = a.parentElement)
      parts.unshift(name(a));
    return parts.join(" > ");
  };
  // Name what a reader would recognise: a formula as a whole, not its <mi>/<mo> pieces.
  const culprits = new Set([...wide].filter(el => ![...el.children].some(c => wide.has(c)))
    .map(el => el.closest("span.math, div.math, math") || el));
  const offenders = [...culprits].slice(0, 5).map(el => {
    const text = el.textContent.replace(/\s+/g, " ").trim().slice(0, 40);
    return `${path(el)} “${text}” (right edge ${Math.round(el.getBoundingClientRect().right)} px)`;
  });
  return {width, offenders};
}
