// pdfjs_check.mjs — opens PDFs with pdf.js (pdfjs-dist, an independent
// reader) and reports what it says.  For each file: every page parsed
// (operator list: content streams, fonts, images; text content), every
// warning pdf.js prints captured.  With --struct, the headings of the
// structure tree (page.getStructTree(): H1-H6 with the text of their
// marked content, in tree order) and the elements with a /Lang ([lang,
// their /ActualText or text]).  One JSON line per file on stdout:
//   {"file": F, "pages": N, "warnings": [...], "headings": [[role, text], ...],
//    "langs": [[lang, text], ...]}
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const pdfjs = await import(path.join(here, "node_modules/pdfjs-dist/legacy/build/pdf.mjs"));

let captured = [];
for (const k of ["log", "warn", "error", "info"]) {
  const orig = console[k].bind(console);
  console[k] = (...args) => {
    captured.push(args.map(String).join(" "));
    if (process.env.PDFJS_ECHO) orig(...args);
  };
}
const out = (s) => process.stdout.write(s + "\n");

const args = process.argv.slice(2);
const struct = args.includes("--struct");
const files = args.filter((a) => a !== "--struct");

function headingsOf(node, texts, acc, langs) {
  if (!node) return "";
  let text = "";
  for (const kid of node.children || []) {
    if (kid.type === "content") text += texts.get(kid.id) || "";
    else text += headingsOf(kid, texts, acc, langs);
  }
  if (/^H[1-6]$/.test(node.role || "")) acc.push([node.role, text]);
  // elements in another language: pdf.js's lang and alt (/ActualText)
  if (node.lang && langs) langs.push([node.lang, node.alt || text]);
  return text;
}

for (const file of files) {
  captured = [];
  const result = { file, pages: 0, warnings: [], headings: [], langs: [] };
  try {
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(readFileSync(file)),
      verbosity: pdfjs.VerbosityLevel.WARNINGS,
      useSystemFonts: false,
      disableFontFace: true,
      isEvalSupported: false,
    }).promise;
    result.pages = doc.numPages;
    const perPage = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      await page.getOperatorList();
      const tc = await page.getTextContent({ includeMarkedContent: true });
      if (struct) {
        // text per marked-content id (pdf.js uses the /ActualText it finds)
        const texts = new Map();
        const stack = [];
        for (const it of tc.items) {
          if (it.type === "beginMarkedContentProps" || it.type === "beginMarkedContent") {
            stack.push(it.id || null);
          } else if (it.type === "endMarkedContent") {
            stack.pop();
          } else if (it.str !== undefined) {
            for (const id of stack) if (id) texts.set(id, (texts.get(id) || "") + it.str);
          }
        }
        const tree = await page.getStructTree();
        perPage.push([tree, texts]);
      }
      page.cleanup();
    }
    if (struct) {
      // pdf.js gives each page the part of the tree with content on it;
      // a heading never spans pages here
      for (const [tree, texts] of perPage) headingsOf(tree, texts, result.headings, result.langs);
    }
    await doc.destroy();
  } catch (e) {
    captured.push("exception: " + e);
  }
  result.warnings = captured;
  out(JSON.stringify(result));
}
