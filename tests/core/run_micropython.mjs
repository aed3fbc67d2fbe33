// Runs tests/core/portable_checks.py against app/zoho/ on PyScript's MicroPython (from node_modules).
// Prints one JSON line: {"implementation", "version", "total", "passed", "failed": [{name, error}], "names"}.
// Exit code: 0 when every check passed, 1 when some failed, 2 when MicroPython could not run them.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const { loadMicroPython } = await import(
  join(root, "node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs")
);

let output = "";
const mp = await loadMicroPython({
  stdout: (line) => { output += line + "\n"; },
  stderr: (line) => { process.stderr.write(line + "\n"); },
});

function copy(fromDir, toDir, names) {
  mp.FS.mkdirTree(toDir);
  for (const name of names) {
    mp.FS.writeFile(join(toDir, name), readFileSync(join(fromDir, name), "utf8"));
  }
}

const coreDir = join(root, "app", "zoho");
copy(coreDir, "/lib/zoho", readdirSync(coreDir).filter((n) => n.endsWith(".py")));
copy(here, "/lib/core", ["__init__.py", "cases.py", "portable_checks.py", "rules_cases.py", "portable_rules.py",
  "portable_bulk.py", "detail_cases.py"]);

const MARK = "@@SUMMARY@@";
try {
  mp.runPython(`
import sys, json
sys.path.insert(0, "/lib")
from core import portable_checks, portable_rules, portable_bulk
results = portable_checks.run_all()
failed = [{"name": n, "error": e} for n, e in results if e is not None]
print("${MARK}" + json.dumps({
    "implementation": sys.implementation.name,
    "version": sys.version,
    "total": len(results),
    "passed": len(results) - len(failed),
    "failed": failed,
    "names": [n for n, _ in results],
}))
`);
} catch (error) {
  console.log(JSON.stringify({ error: String(error && error.message || error), output }));
  process.exit(2);
}
const line = output.split("\n").find((l) => l.startsWith(MARK));
if (!line) {
  console.log(JSON.stringify({ error: "no summary printed", output }));
  process.exit(2);
}
const summary = JSON.parse(line.slice(MARK.length));
console.log(JSON.stringify(summary));
process.exit(summary.failed.length ? 1 : 0);
