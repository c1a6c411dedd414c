async () => {
  const images = [...document.images];
  for (const img of images) if (img.loading === "lazy") img.loading = "eager";
  await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener("load", done, {once: true});
    img.addEventListener("error", done, {once: true});
    setTimeout(done, 5000);
  })));
  return images.map(img => ({
    src: img.getAttribute("src"), alt: img.getAttribute("alt"),
    naturalWidth: img.naturalWidth, complete: img.complete,
  }));
}
