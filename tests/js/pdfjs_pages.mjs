// pdfjs_pages.mjs — the one way the read-back scripts open a PDF with
// pdf.js (pdfjs-dist): no system fonts, no font faces, no eval, errors
// only; pages(file) yields its pages one by one and frees each after
// use, and the document at the end.  pageText gives a page's text as a
// viewer's copy does: the items' str, a line break after an item with
// hasEOL.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
export const pdfjs = await import(path.join(here, "node_modules/pdfjs-dist/legacy/build/pdf.mjs"));

export async function* pages(file) {
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
  }).promise;
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      try {
        yield page;
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await doc.destroy();
  }
}

export function pageText(tc) {
  let text = "";
  for (const it of tc.items) text += it.str + (it.hasEOL ? "\n" : "");
  return text;
}
