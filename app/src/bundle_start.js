// Starts the browser bundle once the page has painted: its files are asked
// for only then, so the first paint waits for none of them, and hydration
// follows. Forms work before it, as without JavaScript. Called with the
// main module's script and WebAssembly; the page's `bundle-chunks` metas
// name the chunks of the areas it shows (`preload.rs`).
((script, wasm) => {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    const fetchEarly = (href) => {
      const link = document.createElement("link");
      link.rel = href.endsWith(".js") ? "modulepreload" : "preload";
      if (link.rel === "preload") link.as = "fetch";
      link.crossOrigin = "anonymous";
      link.href = href;
      document.head.append(link);
    };
    const files = new Set([script, wasm]);
    for (const meta of document.querySelectorAll('meta[name="bundle-chunks"]')) {
      meta.content.split(" ").forEach((file) => files.add(file));
    }
    // A few at a time: asking for each took the main thread almost a
    // millisecond here (four on a slow phone), and some sixty at once made
    // a long task that holds up the page's first input.
    const queue = [...files];
    const fetchSome = () => {
      queue.splice(0, 8).forEach(fetchEarly);
      if (queue.length) {
        setTimeout(fetchSome);
      } else {
        import(script).then((bundle) => bundle.default({ module_or_path: wasm }).then(() => bundle.hydrate()));
      }
    };
    fetchSome();
  };
  if (window.PerformanceObserver?.supportedEntryTypes?.includes("paint")) {
    new PerformanceObserver((entries, observer) => {
      if (entries.getEntriesByName("first-contentful-paint").length) {
        observer.disconnect();
        start();
      }
    }).observe({ type: "paint", buffered: true });
  } else {
    requestAnimationFrame(() => setTimeout(start));
  }
  // A page opened in a background tab reports no first paint.
  setTimeout(start, 3000);
})
