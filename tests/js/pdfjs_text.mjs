// pdfjs_text.mjs — the text pdf.js (pdfjs-dist) extracts from PDFs, as a
// viewer's search and copy see it: every page's getTextContent() items
// in order, each item's str, a line break after an item with hasEOL
// and after each page.  One JSON line per file: {"file": F, "text": T}
import { pages, pageText } from "./pdfjs_pages.mjs";

for (const file of process.argv.slice(2)) {
  let text = "";
  for await (const page of pages(file)) text += pageText(await page.getTextContent()) + "\n";
  process.stdout.write(JSON.stringify({ file, text }) + "\n");
}
