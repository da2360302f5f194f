// pdfjs_items.mjs — the text items pdf.js (pdfjs-dist) finds on every
// page, with their position: one JSON line per file,
// {"file": F, "pages": [[{"str", "x", "y", "w", "h"}, …], …]} (x, y: the
// item's origin in PDF user space, w its width).  For tests that check
// where a word is cut (tests/lib/kashida_test.py).
import { pages } from "./pdfjs_pages.mjs";

for (const file of process.argv.slice(2)) {
  const out = [];
  for await (const page of pages(file)) {
    const tc = await page.getTextContent();
    out.push(tc.items.filter((it) => it.str !== undefined).map((it) => ({
      str: it.str, x: it.transform[4], y: it.transform[5], w: it.width, h: it.height,
    })));
  }
  process.stdout.write(JSON.stringify({ file, pages: out }) + "\n");
}
