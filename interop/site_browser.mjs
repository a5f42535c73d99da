// Drives Debian's headless Chromium through the static site that
// `rejoinder site` writes, and prints what it saw as JSON for
// site/browser_test.go to check against the data.
//
// usage: node site_browser.mjs SITE_DIR CHROMIUM CASE_A,CASE_B [SCREENSHOT_DIR]
import puppeteer from "puppeteer-core";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import path from "node:path";
import fs from "node:fs";

const [siteDir, chromium, pair, shots] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const url = (page) => {
  const [file, hash] = page.split("#");
  return pathToFileURL(path.join(siteDir, file)).href + (hash ? "#" + hash : "");
};

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
});
const out = { errors: [], axe: {}, screenshots: [] };
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => out.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") { out.errors.push(m.text()); } });
  await page.setViewport({ width: 1280, height: 800 });

  // The index, then follow the link to the seed case.
  await page.goto(url("index.html"), { waitUntil: "load" });
  out.indexTitle = await page.title();
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.click('a[href="case-prk-park-2018.html"]'),
  ]);
  out.caseURL = page.url();
  out.caseQuotes = await page.$$eval("li.response li.quote", (els) => els.map((li) => ({
    id: li.id,
    text: li.querySelector("blockquote").innerText,
    source: (li.querySelector("a.source") || {}).href || "",
    visible: li.getBoundingClientRect().height > 0,
  })));

  // Explore, filtered through the URL and then through the form.
  await page.goto(url("explore.html#strategy=identity_dispute"), { waitUntil: "load" });
  out.filterByURL = await page.$eval("#count", (e) => Number(e.dataset.count));
  await page.goto(url("explore.html"), { waitUntil: "load" });
  out.unfiltered = await page.$eval("#count", (e) => Number(e.dataset.count));
  await page.select("#f-strategy", "identity_dispute");
  out.filterByForm = await page.$eval("#count", (e) => Number(e.dataset.count));
  out.hashAfterFilter = await page.evaluate(() => location.hash);
  out.shownPerPage = await page.$$eval("#results li", (els) => els.length);

  // Full-text search, typed as a reader would.
  await page.goto(url("explore.html"), { waitUntil: "load" });
  await page.waitForSelector('#count[data-text="loaded"]');
  await page.type("#q", "non-entity");
  await page.waitForFunction(() => location.hash.includes("q=non-entity"));
  out.searchCount = await page.$eval("#count", (e) => Number(e.dataset.count));
  out.search = await page.$$eval("#results li", (els) => els.map((li) => li.dataset.response));
  out.searchMark = await page.$$eval("#results mark", (els) => els.map((m) => m.textContent));

  // Compare: any two cases, chosen through the URL.
  const [a, b] = pair.split(",");
  await page.goto(url(`compare.html#a=${a}&b=${b}`), { waitUntil: "load" });
  out.compareTable = await page.$$eval("#compare-table tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));

  // Without JavaScript, Explore lists the cases and hides the filters.
  const nojs = await browser.newPage();
  await nojs.setJavaScriptEnabled(false);
  await nojs.goto(url("explore.html"), { waitUntil: "load" });
  out.noScriptCases = await nojs.$$eval("#static-list a", (els) => els.filter((a) => a.offsetParent !== null).length);
  out.noScriptAppHidden = await nojs.$eval("#explore-app", (e) => e.offsetParent === null);
  await nojs.close();

  // axe-core on every kind of page; screenshots at desktop and phone widths.
  const pages = { index: "index.html", case: "case-prk-park-2018.html", explore: "explore.html", codebook: "codebook.html", compare: "compare.html", downloads: "downloads.html" };
  for (const [kind, file] of Object.entries(pages)) {
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(url(file), { waitUntil: "load" });
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
    });
    out.axe[kind] = result;
    // On a phone, nothing may be wider than the screen.
    await page.setViewport({ width: 390, height: 844, isMobile: true, deviceScaleFactor: 1 });
    out[kind + "PhoneOverflow"] = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      for (const [w, h, name] of [[1280, 800, "desktop"], [390, 844, "phone"]]) {
        await page.setViewport({ width: w, height: h });
        const p = path.join(shots, `${kind}-${name}.png`);
        await page.screenshot({ path: p, fullPage: false });
        out.screenshots.push(p);
      }
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
