/* SPDX-License-Identifier: MIT */
// End-to-end test of qujat serve in real headless Chromium (Debian
// chromium, driven by playwright-core): open the page, switch to Kazakh,
// pick a service, answer, see the HTML checklist, download the PDF and
// read it with pdftotext; the same with JavaScript disabled; screenshots
// at desktop and phone widths into OUT_DIR.
// Usage: node e2e.js BASE_URL OUT_DIR
'use strict';
const { chromium } = require('playwright-core');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const base = process.argv[2];
const out = process.argv[3];
let failed = 0;
function check(cond, what) {
  if (!cond) { console.log('FAIL: ' + what); failed = 1; }
}

const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

async function run(js, width, tag) {
  // A fresh --user-data-dir for every run (playwright passes it).
  const userDir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'qujat-chromium-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: '/usr/bin/chromium', headless: true, args: flags,
    javaScriptEnabled: js, acceptDownloads: true, locale: 'en-GB',
    viewport: { width, height: 900 },
  });
  try { await steps(context, tag); } finally {
    await context.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
}

async function steps(context, tag) {
  const page = await context.newPage();
  await page.goto(base + '/');
  check(await page.locator('html').getAttribute('lang') === 'en', tag + ': English by Accept-Language');
  await page.screenshot({ path: path.join(out, tag + '-1-services-en.png'), fullPage: true });
  // Switch to Kazakh with the keyboard: the link is focusable.
  await page.getByRole('link', { name: 'Қазақша' }).focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check(await page.locator('html').getAttribute('lang') === 'kk', tag + ': switched to Kazakh');
  await page.screenshot({ path: path.join(out, tag + '-2-services-kk.png'), fullPage: true });
  await Promise.all([page.waitForNavigation(),
    page.getByRole('link', { name: 'Қазақстан аумағында жұмыс визасын алу' }).click()]);
  // The questions are labelled controls.
  await page.getByLabel('Тегі', { exact: true }).first().fill('SMITH');
  await page.getByLabel('Аты', { exact: true }).first().fill('JOHN');
  await page.getByLabel('Филиал').check();
  await page.locator('#d1-relation').selectOption('child');
  await page.locator('#d1-given-names').fill('TOM');
  await page.screenshot({ path: path.join(out, tag + '-3-questions-kk.png'), fullPage: true });
  await Promise.all([page.waitForNavigation(),
    page.getByRole('button', { name: 'Құжаттар тізбесін көрсету' }).click()]);
  const html = await page.content();
  check(html.includes('Сіздің құжаттар тізбеңіз'), tag + ': the result page');
  check(html.includes('SMITH TOM'), tag + ': the checklist names the child');
  check(await page.locator('.q-items li').count() > 3, tag + ': numbered documents');
  check(await page.locator('.q-fees').count() > 0, tag + ': fees table');
  await page.screenshot({ path: path.join(out, tag + '-4-result-kk.png'), fullPage: true });
  await page.locator('.q-fees').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, tag + '-5-result-fees-kk.png') });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Құжаттар тізбесі' }).click(),
  ]);
  const pdf = path.join(out, tag + '-checklist.pdf');
  await download.saveAs(pdf);
  check(download.suggestedFilename().endsWith('.pdf'), tag + ': a .pdf name: ' + download.suggestedFilename());
  check(/Құжаттар тізбесі/.test(download.suggestedFilename()), tag + ': a Kazakh file name: ' + download.suggestedFilename());
  const text = execFileSync('pdftotext', [pdf, '-']).toString();
  check(text.includes('Құжаттар тізбесі'), tag + ': the PDF is the Kazakh checklist');
  check(text.includes('SMITH TOM'), tag + ': the PDF names the child');
}

(async () => {
  fs.mkdirSync(out, { recursive: true });
  try {
    await run(true, 1280, 'desktop-js');
    await run(false, 1280, 'desktop-nojs');
    await run(false, 390, 'phone-nojs');
  } catch (e) {
    console.log('FAIL: ' + e.message);
    failed = 1;
  }
  if (!failed) console.log('ok');
  process.exit(failed);
})();
