// pdfjs_links.mjs — what pdf.js (pdfjs-dist, an independent reader) sees
// of links: per page, its text as a viewer's copy gives it (the items'
// str, a line break after an item with hasEOL) and its link annotations
// (getAnnotations(): url and rect, PDF user space).  One JSON line per
// file: {"file": F, "pages": [{"text": T, "links": [[url, [x0, y0, x1, y1]], ...]}]}
import { pages, pageText } from "./pdfjs_pages.mjs";

for (const file of process.argv.slice(2)) {
  const out = [];
  for await (const page of pages(file)) {
    const text = pageText(await page.getTextContent());
    const links = (await page.getAnnotations())
      .filter((a) => a.subtype === "Link" && a.url)
      .map((a) => [a.url, a.rect]);
    out.push({ text, links });
  }
  process.stdout.write(JSON.stringify({ file, pages: out }) + "\n");
}
