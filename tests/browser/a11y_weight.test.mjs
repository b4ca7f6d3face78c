// Accessibility (axe-core in the page, keyboard reachability) and the page weight before the first
// training step, against the built dist/ served under a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { startBrowser, openPage, DIST, stepCount, injectAxe } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.close(); });

const BUDGET_KB = 300;

test(`page weight before the first training step is <= ${BUDGET_KB} KB gzip`, async (t) => {
  const { page, responses, errors, close } = await openPage(env);
  await page.waitForTimeout(300); // let late requests (dataset previews etc.) land
  const files = [...new Set(responses)].map((url) => {
    const rel = decodeURIComponent(new URL(url).pathname).slice(new URL(env.url).pathname.length);
    return rel === '' ? 'index.html' : rel;
  });
  let total = 0;
  for (const f of files) {
    const path = `${DIST}/${f}`;
    assert.ok(statSync(path).isFile(), `loaded ${f} comes from dist/`);
    const gz = gzipSync(readFileSync(path), { level: 9 }).length;
    total += gz;
    t.diagnostic(`${f}: ${(gz / 1024).toFixed(1)} KB gzip`);
  }
  t.diagnostic(`page weight before the first step: ${(total / 1024).toFixed(1)} KB gzip in ${files.length} files`);
  // The calculator's module (and the code that loads it) come when the calculator or the lessons open.
  assert.deepEqual(files.filter((f) => /mc_calculator|calculator_loader/.test(f)), [], 'the first screen loads the calculator');
  assert.ok(files.some((f) => /mc_engine.*\.wasm$/.test(f)), 'the measured files include the engine');
  assert.ok(total <= BUDGET_KB * 1024, `${(total / 1024).toFixed(1)} KB > ${BUDGET_KB} KB`);
  assert.deepEqual(errors, []);
  await close();
});

test('axe-core finds no serious or critical violations (after a step too)', async (t) => {
  const { page, errors, close } = await openPage(env, '#showTest=true');
  await injectAxe(page);
  const run = () => page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  await page.click('#step');
  await page.waitForFunction(() => /step 1 /.test(document.querySelector('#counters').textContent));
  await page.waitForSelector('.loss-chart .u-legend'); // the chart arrives with the first step
  await page.focus('.network svg g'); // with the weight readout showing
  const violations = await run();
  for (const v of violations) t.diagnostic(`${v.impact}: ${v.id} at ${v.nodes.join(', ')}`);
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, []);
  assert.deepEqual(errors, []);
  await close();
});

test('every control is reachable with Tab and has an accessible name; Enter and Space work', async () => {
  const { page, errors, close } = await openPage(env, '#hidden=2');
  // Every visible interactive element, in the playground and the header.
  const controls = await page.evaluate(() => {
    const all = [...document.querySelectorAll('button, select, input, [tabindex="0"]')]
      .filter((e) => !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
      .filter((e) => !(e.type === 'radio' && !e.checked)) // a radio group is one Tab stop (arrows move)
      // The view tabs are one Tab stop too (a roving tabindex, as the ARIA tabs pattern asks): the
      // selected tab is reached with Tab, the others with the arrow keys (checked below).
      .filter((e) => !(e.getAttribute('role') === 'tab' && e.getAttribute('aria-selected') !== 'true'));
    all.forEach((e, k) => e.setAttribute('data-kb', String(k)));
    return all.length;
  });
  const seen = new Set();
  for (let k = 0; k < controls * 2 + 20 && seen.size < controls; k++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-kb'));
    if (id !== null) seen.add(id);
  }
  const missing = await page.evaluate((ids) => [...document.querySelectorAll('[data-kb]')]
    .filter((e) => !ids.includes(e.getAttribute('data-kb'))).map((e) => e.outerHTML.slice(0, 100)), [...seen]);
  assert.deepEqual(missing, [], 'not reachable with Tab');
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('[data-kb]')].filter((e) => {
    const labelled = e.getAttribute('aria-label') || e.labels?.length || e.getAttribute('aria-labelledby');
    return !labelled && !(e.tagName === 'BUTTON' && e.textContent.trim());
  }).map((e) => e.outerHTML.slice(0, 100)));
  assert.deepEqual(unnamed, [], 'controls without a name');

  // Every view tab is reached from the selected one with the arrow keys.
  const tabIds = await page.$$eval('[role="tab"]', (tabs) => tabs.map((t) => t.id));
  await page.focus('[role="tab"][aria-selected="true"]');
  const visited = new Set();
  for (let k = 0; k < tabIds.length; k++) {
    visited.add(await page.evaluate(() => document.activeElement.id));
    await page.keyboard.press('ArrowRight');
  }
  assert.deepEqual([...visited].sort(), [...tabIds].sort(), 'view tabs reachable with the arrow keys');
  await page.focus('#tab-playground');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('#panel-playground').hidden);

  // Usable: Step with Enter, Play/Pause with Space, a new hidden layer with Enter.
  await page.focus('#step');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /step 1 /.test(document.querySelector('#counters').textContent));
  await page.focus('#play');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => /step ([2-9]|\d\d+) /.test(document.querySelector('#counters').textContent));
  await page.keyboard.press('Space');
  assert.equal(await page.textContent('#play'), 'Play');
  const steps = await stepCount(page);
  assert.ok(steps > 1);
  await page.focus('button[aria-label="Add a hidden layer"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /hidden=2,2/.test(location.hash));
  assert.deepEqual(errors, []);
  await close();
});
