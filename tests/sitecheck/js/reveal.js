async () => {
  document.querySelectorAll("details:not([open])").forEach(d => { d.open = true; });
  document.querySelectorAll(".toggle-hidden").forEach(el => {
    const button = el.querySelector("button.toggle-button");
    if (button) button.click();
  });
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  // sphinx-togglebutton fades content in (opacity/height transitions): measure the end state.
  const finite = document.getAnimations().filter(
    a => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
  await Promise.race([
    Promise.all(finite.map(a => a.finished.catch(() => null))),
    new Promise(done => setTimeout(done, 3000)),
  ]);
}
