// The Lessons tab in headless Chromium against the built page: every lesson (lessons
// 3-11) loads from its URL and shows the engine's answer beside the paper's closed form, which this test
// compares itself (entries within 1e-9 relative); "try another point" moves through the points and
// back; the paper check shows 9/9; "try it in the calculator" carries the program; a bad `lesson` in the
// link falls back to item 3 with a note; axe-core; a screenshot (tests/artifacts/lesson-chain-rule.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, ARTIFACTS, injectAxe } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.close(); });

const ITEMS = [3, 4, 5, 6, 7, 8, 9, 10, 11];
const open = (item) => openPage(env, `#view=lessons&lesson=${item}`, { waitFor: `#lesson[data-state="done"][data-item="${item}"]` });

// Every check card of the shown lesson: the engine's and the closed form's numbers, and the page's verdict.
const cards = (page) => page.$$eval('.lesson-check', (cs) => cs.map((c) => ({
  agree: c.dataset.agree, engine: c.dataset.engine && JSON.parse(c.dataset.engine),
  closed: c.dataset.closed && JSON.parse(c.dataset.closed), text: c.textContent,
})));

// card.engine, card.closed: the engine's matrices { rows, cols, data } (engine/expr/calculator.cpp).
function assertAgree(card, what) {
  assert.equal(card.agree, 'true', `${what}: ${card.text}`);
  assert.ok(Array.isArray(card.engine?.data) && Array.isArray(card.closed?.data), what);
  assert.equal(card.engine.rows, card.closed.rows, `${what}: rows`);
  assert.equal(card.engine.cols, card.closed.cols, `${what}: columns`);
  assert.equal(card.engine.data.length, card.engine.rows, `${what}: rows of data`);
  assert.equal(card.closed.data.length, card.closed.rows, `${what}: rows of data (closed form)`);
  card.engine.data.forEach((row, r) => {
    assert.equal(row.length, card.closed.data[r].length, `${what}: columns`);
    row.forEach((v, c) => {
      const w = card.closed.data[r][c];
      assert.ok(Math.abs(v - w) <= 1e-9 * Math.max(1, Math.abs(w)), `${what} (${r}, ${c}): engine ${v}, paper ${w}`);
    });
  });
}

test('each lesson loads from its link and its two answers agree', async () => {
  const { page, errors, close } = await open(3);
  for (const item of ITEMS) {
    if (item !== 3) {
      await page.click(`.lesson-link[data-item="${item}"]`);
      await page.waitForSelector(`#lesson[data-state="done"][data-item="${item}"]`);
    }
    assert.match(await page.evaluate(() => location.hash), new RegExp(`lesson=${item}(&|$)`));
    assert.match(await page.$eval('#lesson .lesson-item', (e) => e.textContent), /^The paper, section \d/);
    const cs = await cards(page);
    assert.ok(cs.length >= 2, `item ${item} has ${cs.length} checks`);
    cs.forEach((c, k) => assertAgree(c, `item ${item}, check ${k + 1}`));
    assert.match(await page.textContent('#lesson-summary'), new RegExp(`${cs.length}/${cs.length} rules`));
    assert.ok(await page.$('#lesson .lesson-check .katex'), 'typeset');
    // Beside the numbers, every check shows the engine's own closed form (one per variable) and its steps.
    const derived = await page.$$eval('.lesson-check', (cs) => cs.map((c) => c.querySelectorAll('.lesson-derivation').length));
    assert.ok(derived.every((n) => n >= 1), `item ${item}: derivations per check ${derived}`);
  }
  // Item 11 at its first point: z = Xw + b = [1.9, 1.2, -0.85, 2] (by hand), so the engine's mask, written
  // as the language writes a column, is [1, 1, 0, 1].
  assert.match(await page.textContent('.lesson-check:nth-child(1)'), /with m = \[1, 1, 0, 1\] \(m = z > 0\)/);
  await page.click('.lesson-link[data-item="3"]');
  await page.waitForSelector('#lesson[data-state="done"][data-item="3"]');
  // d x^5 / dx: the engine derives 5x^4 (the paper's power rule), typeset, with its steps
  assert.equal(await page.$eval('.lesson-check:nth-child(3) .lesson-derived', (e) => e.dataset.text), '5 * x^4');
  assert.ok(await page.$('.lesson-check:nth-child(3) .lesson-derived .katex'));
  assert.ok((await page.$$('.lesson-check:nth-child(3) .lesson-steps li')).length > 0);
  assert.deepEqual(errors, []);
  await close();
});

test('a lesson opens directly from its URL (as the walk-through links it)', async () => {
  for (const item of [9, 11]) {
    const { page, errors, close } = await open(item);
    const cs = await cards(page);
    cs.forEach((c, k) => assertAgree(c, `item ${item}, check ${k + 1}`));
    assert.deepEqual(errors, []);
    await close();
  }
});

test("a step of the engine's derivation opens the lesson of its rule; the lesson's own rule is not a link", async () => {
  const { page, errors, close } = await open(10);
  const first = '.lesson-check:nth-child(1) .lesson-steps';
  await page.click(`${first} summary`);
  // d(w . x)/dw goes through y = sum(u): its sum reduction step links to lesson 8, the rule's lesson
  const links = await page.$$eval(`${first} li button.step-rule`, (bs) => bs.map((b) => b.textContent));
  assert.ok(links.includes('sum reduction'), links.join(', '));
  await page.locator(`${first} li button.step-rule`, { hasText: 'sum reduction' }).focus();
  await page.keyboard.press('Enter'); // by keyboard
  await page.waitForSelector('#lesson[data-state="done"][data-item="8"]');
  assert.match(await page.evaluate(() => location.hash), /lesson=8(&|$)/);
  // lesson 8's own rule (sum reduction) is plain text there
  await page.click('.lesson-check:nth-child(1) .lesson-steps summary');
  const own = await page.$$eval('.lesson-check:nth-child(1) .lesson-steps li .step-rule', (rs) => rs.map((r) => [r.tagName, r.textContent]));
  assert.ok(own.some(([tag, rule]) => tag === 'SPAN' && rule === 'sum reduction'), JSON.stringify(own));
  assert.deepEqual(errors, []);
  await close();
});

test('"try another point" walks the points, the answers still agree, and it comes back round', async () => {
  const { page, errors, close } = await open(10);
  const seen = [];
  for (let k = 0; k < 5; ++k) {
    const point = await page.textContent('#lesson-point');
    seen.push(point);
    (await cards(page)).forEach((c, j) => assertAgree(c, `item 10 point ${k + 1}, check ${j + 1}`));
    const before = await page.$eval('#lesson', (e) => e.dataset.point);
    await page.click('#lesson-next-point');
    await page.waitForFunction((b) => {
      const l = document.querySelector('#lesson');
      return l.dataset.state === 'done' && l.dataset.point !== b;
    }, before);
  }
  assert.equal(new Set(seen.slice(0, 4)).size, 4, 'four different points');
  assert.equal(seen[4], seen[0], 'the fifth is the first again (deterministic)');
  assert.match(seen[0], /^Point 1 of 4: w = \[1, 2, 3\]/);
  // The neuron's points show both sides of max(0, z): a mask of 1 and a mask of 0.
  const masks = [];
  for (let k = 0; k < 4; ++k) {
    masks.push(await page.textContent('.lesson-check:nth-child(3)'));
    const before = await page.$eval('#lesson', (e) => e.dataset.point);
    await page.click('#lesson-next-point');
    await page.waitForFunction((b) => document.querySelector('#lesson').dataset.point !== b
      && document.querySelector('#lesson').dataset.state === 'done', before);
  }
  assert.ok(masks.some((t) => /with m = 1 /.test(t)) && masks.some((t) => /with m = 0 /.test(t)), masks.join('\n'));
  assert.deepEqual(errors, []);
  await close();
});

test('the paper check runs every lesson at every point and shows 9/9', async () => {
  const { page, errors, close } = await open(3);
  await page.click('#paper-check');
  await page.waitForSelector('#paper-check-result[data-state="done"]', { timeout: 120000 });
  const text = await page.textContent('#paper-check-result');
  assert.match(text, /^9\/9 lessons agree \((\d+)\/\1 checks, every point\)$/);
  assert.equal(await page.$$eval('.paper-check-list li.pass', (l) => l.length), 9);
  assert.deepEqual(errors, []);
  await close();
});

test('"try it in the calculator" opens the lesson\'s program in the calculator', async () => {
  const { page, errors, close } = await open(4);
  const source = await page.textContent('#lesson-source');
  await page.click('#lesson-try');
  await page.waitForSelector('#panel-calculator[data-state="done"]');
  assert.equal(await page.inputValue('#calc-source'), source);
  assert.match(await page.evaluate(() => location.hash), /view=calculator/);
  // g = 2x + y^8 (the last line) by x (the first variable) at (2, 3): 2.
  assert.deepEqual(JSON.parse(await page.$eval('#calc-derivative', (e) => e.dataset.value)), { rows: 1, cols: 1, data: [[2]] });
  assert.deepEqual(errors, []);
  await close();
});

test('a link to a lesson that does not exist shows item 3 and says why', async () => {
  const { page, errors, close } = await openPage(env, '#view=lessons&lesson=99', { waitFor: '#lesson[data-state="done"]' });
  assert.equal(await page.$eval('#lesson', (e) => e.dataset.item), '3');
  assert.match(await page.textContent('#messages'), /no lesson '99'/);
  assert.deepEqual(errors, []);
  await close();
});

test('axe-core: no serious or critical violations on the lessons; screenshot of the chain rules', async (t) => {
  const { page, errors, close } = await open(9);
  await injectAxe(page);
  await page.click('#paper-check');
  await page.waitForSelector('#paper-check-result[data-state="done"]', { timeout: 120000 });
  // the derivation's steps open from the keyboard (a summary is a control), and are checked open
  await page.focus('.lesson-check:nth-child(1) .lesson-steps summary');
  await page.keyboard.press('Enter');
  assert.ok(await page.isVisible('.lesson-check:nth-child(1) .lesson-steps li'), 'the steps opened by keyboard');
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  for (const v of violations) t.diagnostic(`${v.impact}: ${v.id} at ${v.nodes.join(', ')}`);
  assert.deepEqual(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), []);
  await page.screenshot({ path: `${ARTIFACTS}/lesson-chain-rule.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await close();
});
