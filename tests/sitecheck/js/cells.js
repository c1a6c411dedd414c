() => [...document.querySelectorAll("div.cell")].map(cell => {
  const shown = el => el.checkVisibility({opacityProperty: true, visibilityProperty: true})
    && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const output = cell.querySelector(".cell_output");
  const texts = sel => [...cell.querySelectorAll(sel)].map(el => ({
    text: el.textContent, shown: shown(el)}));
  let before = "";
  for (let el = cell.previousElementSibling; el; el = el.previousElementSibling) {
    if (el.matches("div.cell, h1, h2, h3, h4, h5, h6, section")) break;
    before = el.textContent + " " + before;
    if (before.length > 2000) break;
  }
  return {
    tags: [...cell.classList].filter(c => c.startsWith("tag_")).map(c => c.slice(4)),
    input: (cell.querySelector(".cell_input pre") || {}).textContent || "",
    output: output ? {
      shown: shown(output),
      text: output.textContent,  // not innerText: content-visibility:auto sections have none
      images: [...output.querySelectorAll("img, svg")].filter(img => shown(img)).length,
      children: output.children.length,
    } : null,
    tracebacks: texts(".output.traceback, .output.error"),
    stderr: texts(".output.stderr"),
    before,
  };
})
