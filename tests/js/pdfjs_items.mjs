// pdfjs_items.mjs — the text items pdf.js (pdfjs-dist) finds on every
// page, with their position: one JSON line per file,
// {"file": F, "pages": [[{"str", "x", "y", "w", "h"}, …], …]} (x, y: the
// item's origin in PDF user space, w its width).  For tests that check
// where a word is cut (tests/lib/kashida_test.py).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const pdfjs = await import(path.join(here, "node_modules/pdfjs-dist/legacy/build/pdf.mjs"));

for (const file of process.argv.slice(2)) {
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
  }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tc = await page.getTextContent();
    pages.push(tc.items.filter((it) => it.str !== undefined).map((it) => ({
      str: it.str, x: it.transform[4], y: it.transform[5], w: it.width, h: it.height,
    })));
    page.cleanup();
  }
  await doc.destroy();
  process.stdout.write(JSON.stringify({ file, pages }) + "\n");
}
