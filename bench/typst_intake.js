#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// The typst peer of bench/run.sh on a real intake, beside ReportLab's
// (bench/reportlab_intake.py) and drawing what it draws: every document
// of the intake typeset by typst (npm @myriaddreamin/typst-ts-node-compiler,
// installed into bench/node_modules from bench/package-lock.json) from the
// same texts qujat printed in it (pdftotext of qujat's PDF, one file per
// document, pages separated by form feeds), with the same two bundled
// TrueType fonts given as font data (the documents ask for no other; the
// library also indexes the system's fonts when the compiler is created),
// the same A4 page and margins: the first line as the title in bold, every
// other line a paragraph, a page break where qujat's page ended.
//
// The layout is bench/intake.typ, the text of each document its input
// (sys.inputs.text). One compiler, created once with the fonts (outside
// the timed loop), compiles all the documents from the same template:
// typst memoises what it can between compilations.
// The PDFs are untagged (pdfTags: false), as qujat's default ones are, and
// dated by a fixed timestamp.
//
//     typst_intake.js TEXT_DIR FONT_DIR OUT_DIR N
//
// TEXT_DIR holds t0000000.txt...; with fewer texts than N they are used in
// turn. Prints one line: "<N> <seconds> <total bytes> <pages>".
'use strict';
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

function main() {
  const [textDir, fontDir, outDir, nArg] = process.argv.slice(2);
  const n = parseInt(nArg, 10);
  if (!textDir || !fontDir || !outDir || !(n > 0)) {
    process.stderr.write('usage: typst_intake.js TEXT_DIR FONT_DIR OUT_DIR N\n');
    process.exit(2);
  }
  const compiler = NodeCompiler.create({
    fontArgs: [{
      fontBlobs: ['QujatSans-Regular.ttf', 'QujatSans-Bold.ttf'].map(
        (f) => fs.readFileSync(path.join(fontDir, f))),
    }],
  });
  const template = fs.readFileSync(path.join(__dirname, 'intake.typ'), 'utf8');
  const texts = fs.readdirSync(textDir).sort().map(
    (f) => fs.readFileSync(path.join(textDir, f), 'utf8'));
  fs.mkdirSync(outDir, { recursive: true });
  let total = 0;
  let pages = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const result = compiler.compile({
      mainFileContent: template,
      inputs: { text: texts[i % texts.length] },
    });
    const doc = result.result;
    if (!doc) {
      result.printErrors();
      process.stderr.write(`typst_intake.js: document ${i} failed\n`);
      process.exit(1);
    }
    const pdf = compiler.pdf(doc, { pdfTags: false, creationTimestamp: 0 });
    const file = path.join(outDir, 'p' + String(i).padStart(7, '0') + '.pdf');
    fs.writeFileSync(file, pdf, { flag: 'wx' });
    pages += doc.numOfPages;
    total += pdf.length;
    // Memoised results that no compilation used in a while are dropped,
    // as the typst CLI does after each compilation.
    compiler.evictCache(10);
  }
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(n, secs.toFixed(3), total, pages);
}

main();
