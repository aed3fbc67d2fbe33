// Unpacks the page's Python into MicroPython's file system, with the browser's own gzip
// (DecompressionStream) and a few lines of tar reading: py/app.tar.gz (the first screen's modules
// as .mpy, and the config) before main.py runs, and py/views.tar.gz (the views and what only they
// import) when Python first needs a view (zohoViewsArchive below, web.views.ViewRegistry.fetch).
// PyScript's `files` would unpack it with MicroPython's gzip and tarfile in one task of ~90 ms
// here (~370 ms on Lighthouse's 4x slower mobile CPU): after main.py's run, the largest long task
// of the first screen.
// PyScript awaits its main onReady hooks before it runs the page's script (core.js, hooks).
// The archives are the build's own (sitebuild/packing.py): USTAR, folders before their files.
const download = (url) => fetch(url).then((response) => {
  if (!response.ok) {
    throw new Error(`${url}: ${response.status} ${response.statusText}`);
  }
  return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
});
const unpacked = download(document.getElementById("python-archive").href);
unpacked.catch(() => {});  // reported by the hook below, when PyScript runs it

// A page that will be signed in makes its views at once: the first script has preloaded their
// archive (id "views-archive"), and it is unpacked with the page's, before main.py runs.
const viewsURL = document.querySelector('meta[name="views-archive"]').content;
let views = document.getElementById("views-archive") ? download(viewsURL) : null;
views?.catch(() => {});  // reported when Python asks for them
let fileSystem;
const fileSystemReady = new Promise((resolve) => { fileSystem = resolve; });
let viewsWritten = null;
// For web.views.ViewRegistry.fetch: resolves once the views' modules are in the file system.
// A failed download is asked again on the next call.
window.zohoViewsArchive = () => {
  viewsWritten ??= (async () => {
    views ??= download(viewsURL);
    const tar = new Uint8Array(await views);
    write(await fileSystemReady, tar, "python-archive: views written");
  })().catch((error) => {
    views = viewsWritten = null;
    throw error;
  });
  return viewsWritten;
};

// This is the page's one module script: it starts PyScript by importing core.js (the URL of its
// modulepreload, which checked the file's integrity; the import uses that module), and adds its
// hook in the microtask after, long before PyScript has its interpreter (it fetches and compiles
// the wasm first). A hook added later could miss it.
// A page that shows the tab's snapshot (first-script.js, data-paint="cache") lets the browser draw
// it first: evaluating PyScript's modules takes the main thread for 40-60 ms, and a frame that
// waits for them shows the snapshot that much later. The downloads above, and the preloads, have
// started already; a hidden tab draws no frame, so it waits 100 ms at most.
const core = document.querySelector('link[rel="modulepreload"][href$="/pyscript/core.js"]');
if (document.documentElement.dataset.paint === "cache") {
  await new Promise((drawn) => {
    requestAnimationFrame(() => setTimeout(drawn));
    setTimeout(drawn, 100);
  });
}
window.zohoPyScriptStarted = true;  // from now on PyScript asks for its files itself (first-script.js)
const { hooks } = await import(core.href);

const BLOCK = 512;
const text = (bytes) => {  // a NUL-terminated field of a tar header
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end === -1 ? bytes : bytes.subarray(0, end));
};
let written = false;

hooks.main.onReady.add(async (wrap, element) => {
  if (written || element.type !== "mpy") {
    return;
  }
  written = true;
  write(wrap.interpreter.FS, new Uint8Array(await unpacked), "python-archive: files written");
  fileSystem(wrap.interpreter.FS);
  if (views) {  // a page that will be signed in: its views' files too, before main.py runs
    await window.zohoViewsArchive().catch(() => {});  // failed: Python's own call reports it
  }
});

// Writes the tar's files into the file system, under its current folder; ``measure`` names the
// time it took on the main thread, for the bench (bench/longtasks.py).
function write(FS, tar, measure) {
  const started = performance.now();
  const cwd = FS.cwd();
  for (let at = 0; at + BLOCK <= tar.length && tar[at] !== 0; ) {
    const header = tar.subarray(at, at + BLOCK);
    const prefix = text(header.subarray(345, 500));
    const name = (prefix ? `${prefix}/` : "") + text(header.subarray(0, 100));
    const size = parseInt(text(header.subarray(124, 136)).trim() || "0", 8);
    const type = String.fromCharCode(header[156]);
    at += BLOCK;
    if (type === "5") {
      FS.mkdir(`${cwd}/${name.replace(/\/$/, "")}`);
    } else if (type === "0" || type === "\0") {
      // Not FS.writeFile: its lookup of a file not there yet builds an Error (stack and all).
      FS.createDataFile(cwd, name, tar.slice(at, at + size), true, true, true);
    }
    at += Math.ceil(size / BLOCK) * BLOCK;
  }
  performance.measure(measure, {start: started});
}
