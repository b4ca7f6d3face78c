// Shared set-up of the browser tests: serve the BUILT page (dist/) on 127.0.0.1 under a sub-path, drive
// Debian's headless Chromium with playwright-core, and collect every console error of a page.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = process.env.MC_DIST ?? `${ROOT}dist`; // MC_DIST: test another build
export const ARTIFACTS = `${ROOT}tests/artifacts`;
export const SUB_PATH = '/mc/playground/'; // two levels deep: proves every URL is relative

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export async function startBrowser() {
  if (!existsSync(`${DIST}/index.html`)) throw new Error('dist/ is missing: run `npm run build` first');
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startServer({ root: DIST, base: SUB_PATH, port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    url: server.url,
    browser,
    async close() { await browser.close(); await server.close(); },
  };
}

/**
 * Opens the page with `hash`, waits until the engine has answered and the first network is drawn
 * (or `waitFor`, a selector, when the hash opens another view).
 * Returns { page, errors, responses } where errors collects console errors, page errors, failed and
 * 4xx/5xx requests, and responses every URL loaded (for the page weight).
 */
export async function openPage(env, hash = '', { viewport = { width: 1280, height: 900 }, waitFor = '.network .node' } = {}) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  const responses = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    responses.push(r.url());
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(env.url + hash);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  if (waitFor) await page.waitForSelector(waitFor); // e.g. '#calc-results' when the hash opens another view
  return { page, errors, responses, close: () => context.close() };
}

/** The step counter shown in the toolbar. */
export async function stepCount(page) {
  const text = await page.textContent('#counters');
  return Number(/step (\d+)/.exec(text)[1]);
}

/** A number from the metrics line, e.g. metric(page, /Test accuracy ([\d.]+)\s%/). */
export async function metric(page, pattern) {
  const m = pattern.exec(await page.textContent('#metrics'));
  return m ? Number(m[1]) : NaN;
}

/**
 * Puts axe-core into the page. Not with page.addScriptTag: an inline script is refused by the page's
 * Content-Security-Policy (as it should be); the DevTools protocol's evaluation is not a page script.
 */
export async function injectAxe(page) {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
}
