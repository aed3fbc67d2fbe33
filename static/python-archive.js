// Unpacks the page's Python (py/app.tar.gz: the modules as .mpy, and the config) into
// MicroPython's file system before main.py runs, with the browser's own gzip
// (DecompressionStream) and a few lines of tar reading. PyScript's `files` would unpack it
// with MicroPython's gzip and tarfile in one task of ~90 ms here (~370 ms on Lighthouse's 4x
// slower mobile CPU): after main.py's run, the largest long task of the first screen.
// PyScript awaits its main onReady hooks before it runs the page's script (core.js, hooks).
// The archive is the build's own (sitebuild/packing.py): USTAR, folders before their files.
const archiveURL = document.getElementById("python-archive").href;
const unpacked = fetch(archiveURL).then((response) => {
  if (!response.ok) {
    throw new Error(`${archiveURL}: ${response.status} ${response.statusText}`);
  }
  return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
});
unpacked.catch(() => {});  // reported by the hook below, when PyScript runs it

// This module runs before the page's <script src=".../core.js">: importing the same URL here
// evaluates core.js once, and the hook is added in the microtask after, long before PyScript has
// its interpreter (it fetches and compiles the wasm first). A hook added later could miss it.
const core = document.querySelector('script[type="module"][src$="/pyscript/core.js"]');
const { hooks } = await import(core.src);

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
  const FS = wrap.interpreter.FS;
  const tar = new Uint8Array(await unpacked);
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
  // For the bench (bench/longtasks.py): how long writing the files took on the main thread.
  performance.measure("python-archive: files written", {start: started});
});
