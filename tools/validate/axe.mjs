// axe-core on every page of the HTML edition, in Debian's headless Chromium.
//
//   node axe.mjs BUILD/html
//
// The pages are served from 127.0.0.1 by a static server of this script (a
// random free port), and Chromium is driven by playwright-core with
// executablePath /usr/bin/chromium (CHROMIUM overrides it): no browser is
// ever downloaded. Requests to any other host are aborted and reported, so a
// page that needs the network fails here.
//
// Fails (exit 1) on:
// * any axe violation of impact "serious" or "critical", on any page;
// * on report pages (reports/*.html), any violation of the rules that make a
//   report readable by assistive technology, whatever their impact: a
//   level-one heading, a main landmark, a valid language, alt text on images,
//   a title; and a report page with not exactly one <h1>, no <main>, no
//   lang, or an <img> without alt;
// * a page that scrolls sideways on a phone (375 px wide): wider than the
//   screen, naming the elements that stick out;
// * any request to a host other than 127.0.0.1.

import { createServer } from "node:http";
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

const FAILING_IMPACTS = new Set(["serious", "critical"]);
// Rules a report page must pass whatever axe's impact for them.
const REPORT_RULES = [
  "page-has-heading-one",
  "landmark-one-main",
  "html-has-lang",
  "html-lang-valid",
  "image-alt",
  "document-title",
];
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
};

async function htmlFiles(root, dir = root) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith(".")) {
      found.push(...(await htmlFiles(root, full)));
    } else if (entry.isFile() && entry.name.endsWith(".html")) {
      found.push(path.relative(root, full).split(path.sep).join("/"));
    }
  }
  return found.sort();
}

function serve(root) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (url.pathname.endsWith("/")) file = path.join(file, "index.html");
    try {
      const body = await readFile(file);
      const type = TYPES[path.extname(file)] ?? "application/octet-stream";
      response.writeHead(200, { "content-type": type }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

// What a report page must have, checked in the page itself.
function reportStructure() {
  const problems = [];
  const h1 = document.querySelectorAll("h1").length;
  if (h1 !== 1) problems.push(`${h1} <h1> elements, expected exactly one`);
  if (!document.querySelector("main, [role=main]")) problems.push("no <main> landmark");
  if (!document.documentElement.lang) problems.push("no lang on <html>");
  for (const img of document.querySelectorAll("img:not([alt])")) {
    problems.push(`<img src="${img.getAttribute("src")}"> has no alt`);
  }
  return problems;
}

// The width of a phone's screen, in CSS pixels.
const PHONE = { width: 375, height: 812 };

// What sticks out of the screen sideways: the page's width, and the
// elements whose right edge is past it (the outermost few).
function sideways() {
  const width = document.documentElement.clientWidth;
  const scroll = document.documentElement.scrollWidth;
  if (scroll <= width) return [];
  const wide = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0 && !wide.some((w) => w.contains(element))) {
      wide.push(element);
    }
  }
  const names = wide.slice(0, 3).map((e) => {
    const cls = typeof e.className === "string" && e.className ? `.${e.className.split(" ")[0]}` : "";
    return `${e.tagName.toLowerCase()}${cls}`;
  });
  return [`scrolls sideways at ${width} px wide (${scroll} px): ${names.join(", ")}`];
}

async function main() {
  const root = path.resolve(process.argv[2] ?? "build/html");
  const pages = await htmlFiles(root);
  if (pages.length === 0) {
    console.error(`axe: no HTML pages in ${root}: build the HTML edition first`);
    return 2;
  }
  const server = await serve(root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const failures = [];
  try {
    const context = await browser.newContext();
    const outside = [];
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin || url.protocol === "data:") return route.continue();
      outside.push(url.href);
      return route.abort();
    });
    for (const name of pages) {
      const page = await context.newPage();
      await page.goto(`${origin}/${name}`, { waitUntil: "load" });
      await page.addScriptTag({ content: AXE_SOURCE });
      const results = await page.evaluate(() =>
        // eslint-disable-next-line no-undef
        axe.run(document, { resultTypes: ["violations"] }),
      );
      const before = failures.length;
      const isReport = name.startsWith("reports/");
      const failing = results.violations.filter(
        (v) => FAILING_IMPACTS.has(v.impact) || (isReport && REPORT_RULES.includes(v.id)),
      );
      for (const v of failing) {
        const targets = v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ");
        failures.push(`${name}: [${v.impact}] ${v.id}: ${v.help} (${targets}) ${v.helpUrl}`);
      }
      const minor = results.violations.filter((v) => !failing.includes(v));
      for (const v of minor) {
        const where = v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ");
        console.log(`${name}: note: [${v.impact}] ${v.id}: ${v.help} (${where})`);
      }
      if (isReport) {
        for (const problem of await page.evaluate(reportStructure)) {
          failures.push(`${name}: report page: ${problem}`);
        }
      }
      await page.setViewportSize(PHONE);
      for (const problem of await page.evaluate(sideways)) {
        failures.push(`${name}: on a phone: ${problem}`);
      }
      const failed = failures.length > before;
      console.log(`${name}: ${failed ? "FAIL" : "ok"} (${results.violations.length} violation(s) in all)`);
      await page.close();
    }
    for (const url of new Set(outside)) {
      failures.push(`a page requested ${url}: the HTML edition must not need the network`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  for (const failure of failures) console.error(`axe: ${failure}`);
  console.log(`axe-core: ${pages.length} page(s), ${failures.length} failure(s)`);
  return failures.length ? 1 : 0;
}

process.exitCode = await main();
