// pdfjs_text.mjs — the text pdf.js (pdfjs-dist) extracts from PDFs, as a
// viewer's search and copy see it: every page's getTextContent() items
// in order, each item's str, a line break after an item with hasEOL
// and after each page.  One JSON line per file: {"file": F, "text": T}
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
  let text = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tc = await page.getTextContent();
    for (const it of tc.items) text += it.str + (it.hasEOL ? "\n" : "");
    text += "\n";
    page.cleanup();
  }
  await doc.destroy();
  process.stdout.write(JSON.stringify({ file, text }) + "\n");
}
