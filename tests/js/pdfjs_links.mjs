// pdfjs_links.mjs — what pdf.js (pdfjs-dist, an independent reader) sees
// of links: per page, its text as a viewer's copy gives it (the items'
// str, a line break after an item with hasEOL) and its link annotations
// (getAnnotations(): url and rect, PDF user space).  One JSON line per
// file: {"file": F, "pages": [{"text": T, "links": [[url, [x0, y0, x1, y1]], ...]}]}
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
    let text = "";
    for (const it of tc.items) text += it.str + (it.hasEOL ? "\n" : "");
    const links = (await page.getAnnotations())
      .filter((a) => a.subtype === "Link" && a.url)
      .map((a) => [a.url, a.rect]);
    pages.push({ text, links });
    page.cleanup();
  }
  await doc.destroy();
  process.stdout.write(JSON.stringify({ file, pages }) + "\n");
}
