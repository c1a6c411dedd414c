() => {
  const skip = "script,style,pre,code,kbd,samp,textarea,noscript,template,.highlight,math";
  const rawTex = /\$\$|\\\(|\\\)|\\\[|\\\]|\\begin\{|\$[^$\s][^$]*\\[A-Za-z]+[^$]*\$/;
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
  const raw = [], controls = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue;
    const parent = node.parentElement;
    if (!parent) continue;
    const where = parent.closest("math") ? "math" : parent.tagName.toLowerCase();
    if (control.test(text)) {
      const at = text.search(control);
      const code = text.charCodeAt(at).toString(16).padStart(4, "0");
      controls.push(`U+${code.toUpperCase()} in <${where}> near ${JSON.stringify(
        (parent.closest("math") || parent).textContent.slice(0, 60))}`);
    }
    if (!parent.closest(skip) && rawTex.test(text)) raw.push(text.trim().slice(0, 100));
  }
  const containers = [...document.querySelectorAll("span.math, div.math")];
  const maths = [...document.querySelectorAll("math")];
  return {
    raw, controls,
    emptyContainers: containers.filter(c => !c.querySelector("math"))
      .map(c => c.textContent.trim().slice(0, 80)),
    count: maths.length,
    notLaidOut: maths.filter(m => !getComputedStyle(m).display.includes("math"))
      .map(m => `${getComputedStyle(m).display}: ${m.textContent.trim().slice(0, 60)}`),
  };
}
