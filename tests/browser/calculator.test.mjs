// The Calculator tab in headless Chromium against the built page: the default program's value,
// gradient (shaped like its variable), layout, FD badge, cheaper mode and graph; the URL holds the text;
// an error shows the engine's message with a caret under the character it names, and the next good
// program works; a graph node links to its lesson; axe-core; a screenshot (tests/artifacts/calculator.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, ARTIFACTS, injectAxe } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.close(); });

const DONE = '#panel-calculator[data-state="done"]';
const open = (hash = '#view=calculator') => openPage(env, hash, { waitFor: DONE });
const data = (page, selector, key) => page.$eval(selector, (e, k) => e.dataset[k], key);
// The page keeps the engine's matrix as it came ({ rows, cols, data }, engine/expr/calculator.cpp).
const matrix = (rows) => ({ rows: rows.length, cols: rows[0].length, data: rows });
const matrixAt = async (page, selector) => JSON.parse(await data(page, selector, 'value'));

// Replaces the program text and waits for the answer (or the error).
async function setProgram(page, text, expect = 'done') {
  await page.fill('#calc-source', text);
  await page.click('#calc-run');
  await page.waitForSelector(`#panel-calculator[data-state="${expect}"]`);
}

test('the default program: value, gradient shaped like w, layout, FD badge, cheaper mode, graph with rules', async () => {
  const { page, errors, close } = await open();
  // a = max(0, w . x + b) with w = [0.5, 1, 2], x = [1, 2, 0.5], b = 0.1: z = 3.6 > 0, so da/dw = x.
  const valueMatrix = await matrixAt(page, '#calc-value');
  assert.deepEqual([valueMatrix.rows, valueMatrix.cols], [1, 1]);
  const value = valueMatrix.data[0][0];
  assert.ok(Math.abs(value - 3.6) < 1e-12, `value ${value}`);
  assert.equal(await data(page, '#calc-derivative', 'kind'), 'gradient');
  assert.equal(await data(page, '#calc-derivative', 'shape'), '3x1');
  assert.deepEqual(await matrixAt(page, '#calc-derivative'), matrix([[1], [2], [0.5]]));
  assert.match(await page.textContent('#calc-layout'), /shaped like w \(3x1\)/);
  assert.match(await page.textContent('#calc-results'), /Gradient by w: shaped like w \(3×1\)/);
  assert.equal(await data(page, '#calc-fd', 'passed'), 'true');
  assert.equal(await data(page, '#calc-modes', 'cheaper'), 'reverse');
  assert.match(await page.textContent('#calc-modes'), /Reverse mode: 1 backward pass.*Forward mode: 3 tangent sweeps/s);
  assert.match(await page.textContent('#calc-modes-agree'), /they agree/);
  assert.ok(await page.$('#calc-derivative .katex'), 'the derivative is typeset');
  const nodes = await page.$$eval('#calc-graph .graph-node', (gs) => gs.map((g) => g.textContent));
  assert.ok(nodes.length >= 6, `${nodes.length} nodes`);
  assert.ok(nodes.some((n) => /relu/.test(n) && /\(1×1\)/.test(n)), nodes.join(' | '));
  assert.ok(nodes.some((n) => /dot-product/.test(n)), 'each node names its rule');
  assert.deepEqual(errors, []);
  await close();
});

test('the URL holds the program; a Jacobian is labelled and in numerator layout', async () => {
  const text = 'x: scalar = 2\ny = [ln(x^2), sin(3x)]';
  const { page, errors, close } = await open(`#view=calculator&expr=${encodeURIComponent(text)}`);
  assert.equal(await page.inputValue('#calc-source'), text);
  assert.equal(await data(page, '#calc-derivative', 'kind'), 'jacobian');
  assert.equal(await data(page, '#calc-derivative', 'shape'), '2x1');
  const jac = await matrixAt(page, '#calc-derivative');
  assert.deepEqual([jac.rows, jac.cols], [2, 1]);
  const [[d1], [d2]] = jac.data;
  assert.ok(Math.abs(d1 - 1) < 1e-12 && Math.abs(d2 - 3 * Math.cos(6)) < 1e-12, `${d1}, ${d2}`); // [2/x, 3cos(3x)]
  assert.match(await page.textContent('#calc-layout'), /numerator layout: 2 x 1/);
  assert.equal(await data(page, '#calc-modes', 'cheaper'), 'forward');
  // Row labels y_1, y_2 and the column label x are typeset next to the numbers.
  const math = await page.textContent('#calc-derivative .katex-mathml');
  assert.match(math, /y\s*1/);
  assert.match(math, /y\s*2/);
  // Editing the text updates the URL.
  await setProgram(page, 'x: scalar = 3\nx^3');
  assert.match(await page.evaluate(() => decodeURIComponent(location.hash.replace(/\+/g, ' '))), /expr=x: scalar = 3\nx\^3/);
  assert.deepEqual(await matrixAt(page, '#calc-derivative'), matrix([[27]]));
  assert.deepEqual(errors, []);
  await close();
});

// The caret sits under column `column` of the shown line: its offset in the caret line equals the
// offset of the marked character in the code line.
async function caret(page) {
  return page.evaluate(() => {
    const box = document.querySelector('#calc-error');
    const code = box.querySelector('.code-line');
    const mark = code.querySelector('mark');
    const before = code.textContent.slice(0, code.textContent.indexOf(mark.textContent, code.textContent.indexOf('| ') + 2));
    return {
      line: Number(box.dataset.line), column: Number(box.dataset.column), message: box.querySelector('.calc-error-message').textContent,
      marked: mark.textContent, caretAt: box.querySelector('.caret-line').textContent.indexOf('^'), markAt: before.length,
      role: box.getAttribute('role'),
    };
  });
}

test('errors show the message and a caret under the offending character; the next program works', async () => {
  const { page, errors, close } = await open();
  await setProgram(page, 'x: vec(3) = [1,2,3]\nW: mat(2,3) = [[1,2,3],[4,5,6]]\nx + W', 'error');
  let c = await caret(page);
  assert.match(c.message, /at 3:3: x \(3x1\) \+ W \(2x3\): shapes differ/);
  assert.deepEqual([c.line, c.column, c.marked], [3, 3, '+']);
  assert.equal(c.caretAt, c.markAt, 'caret under the +');
  assert.equal(c.role, 'alert');
  assert.ok(await page.$eval('#calc-results', (e) => e.classList.contains('stale')), 'old results are dimmed');
  await page.click('#calc-error-locate'); // selects the character in the program text
  const sel = await page.$eval('#calc-source', (t) => [t.selectionStart, t.selectionEnd, t.value.slice(t.selectionStart, t.selectionEnd)]);
  assert.deepEqual(sel, [54, 55, '+']);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'calc-source');

  await setProgram(page, 'x: scalar = 1; x + zz', 'error');
  c = await caret(page);
  assert.match(c.message, /unknown name 'zz' at 20; declared: x/);
  assert.deepEqual([c.line, c.column, c.marked], [1, 20, 'z']);
  assert.equal(c.caretAt, c.markAt);

  await setProgram(page, 'x: scalar = 1; x + é', 'error'); // a column counts characters, not UTF-8 bytes
  c = await caret(page);
  assert.match(c.message, /at 20: unexpected character/);
  assert.deepEqual([c.column, c.marked], [20, 'é']);

  await setProgram(page, 'x: scalar = 1\nsin(x', 'error');
  c = await caret(page);
  assert.match(c.message, /expected ',' or '\)' at 2:6, found end of input/);
  assert.deepEqual([c.line, c.column], [2, 6]);
  assert.equal(c.caretAt, c.markAt, 'caret just past the end of the line');

  await setProgram(page, 'x: vec(2) = [3, 4]\nsum(x^2)');
  assert.equal(await page.$eval('#calc-error', (e) => e.hidden), true);
  assert.deepEqual(await matrixAt(page, '#calc-derivative'), matrix([[6], [8]]));
  assert.deepEqual(errors, []);
  await close();
});

test('choosing the output and the variable; a request error is shown without a caret', async () => {
  const { page, errors, close } = await open();
  await page.selectOption('#calc-output', 'z');
  await page.waitForSelector(DONE);
  await page.selectOption('#calc-wrt', 'b');
  await page.waitForFunction(() => document.querySelector('#calc-derivative')?.dataset.shape === '1x1');
  assert.deepEqual(await matrixAt(page, '#calc-derivative'), matrix([[1]])); // dz/db = 1
  await page.selectOption('#calc-mode', 'forward');
  await page.waitForFunction(() => /forward mode only/.test(document.querySelector('#calc-modes')?.textContent));
  // Every variable at once: the paper's J = [df/dx, df/dy] for [3x^2 y, 2x + y^8] at (2, 3).
  await page.selectOption('#calc-mode', 'both');
  await setProgram(page, 'x: scalar = 2\ny: scalar = 3\nF = [3x^2 y, 2x + y^8]');
  await page.selectOption('#calc-wrt', '*');
  await page.waitForFunction(() => document.querySelector('#calc-derivative')?.dataset.shape === '2x2');
  assert.deepEqual(await matrixAt(page, '#calc-derivative'), matrix([[6 * 2 * 3, 3 * 2 * 2], [2, 8 * 3 ** 7]]));
  assert.match(await page.textContent('#calc-results'), /Jacobian by \(x, y\): 2 × 2, numerator layout/);
  await setProgram(page, '', 'error');
  assert.match(await page.textContent('#calc-error'), /the program is empty/);
  assert.equal(await page.$('#calc-error .caret-line'), null);
  assert.deepEqual(errors, []);
  await close();
});

test('a large matrix is cut with dots and can be expanded to every entry, by keyboard too', async (t) => {
  const { page, errors, close } = await open();
  assert.equal(await page.$('#calc-derivative-expand'), null, 'the default gradient (3 x 1) fits: nothing to expand');
  // y = W @ x with W 10 x 12, W[r][c] = 12r + c + 1: the Jacobian by x is W itself (numerator layout).
  const rows = Array.from({ length: 10 }, (_, r) => Array.from({ length: 12 }, (__, c) => 12 * r + c + 1));
  await setProgram(page, `W: mat(10,12) = [${rows.map((row) => `[${row.join(', ')}]`).join(', ')}]\nx: vec(12)\ny = W @ x`);
  await page.selectOption('#calc-wrt', 'x');
  await page.waitForSelector(DONE);
  assert.match(await page.textContent('#calc-derivative'), /⋮/, 'the TeX is cut');
  assert.equal(await page.isVisible('#calc-derivative-full'), false);
  assert.equal(await page.getAttribute('#calc-derivative-expand', 'aria-expanded'), 'false');
  await page.focus('#calc-derivative-expand');
  await page.keyboard.press('Enter');
  const cells = await page.$$eval('#calc-derivative-full tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))));
  assert.deepEqual(cells, rows, 'every entry of the Jacobian, which is W');
  assert.equal(await page.getAttribute('#calc-derivative-expand', 'aria-expanded'), 'true');
  assert.equal(await page.textContent('#calc-derivative-expand'), 'Hide the table of the Jacobian');
  assert.equal(await page.textContent('#calc-derivative-full caption'), 'The Jacobian: 10 rows × 12 columns');
  await page.keyboard.press('Tab'); // the table scrolls with the keyboard: its box is the next stop
  assert.equal(await page.evaluate(() => document.activeElement.id), 'calc-derivative-full');
  await injectAxe(page);
  const violations = await page.evaluate(async () => (await window.axe.run('#calc-results', { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.impact}: ${v.id} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
  for (const v of violations) t.diagnostic(v);
  assert.deepEqual(violations.filter((v) => /^(serious|critical)/.test(v)), [], 'the open table');
  await page.click('#calc-derivative-expand');
  assert.equal(await page.isVisible('#calc-derivative-full'), false, 'and closed again');
  await page.click('#calc-value-expand'); // the value, 10 x 1, is cut too
  assert.equal((await page.$$('#calc-value-full tbody tr')).length, 10);
  assert.deepEqual(errors, []);
  await close();
});

test('a graph node links to the lesson of its rule; every edge of the tape is drawn whole', async () => {
  const { page, errors, close } = await open();
  // x' @ A @ x uses x twice: the edge from x to the last product skips ranks and bends round the others
  await setProgram(page, "x: vec(3) = [1, 2, 3]\nA: mat(3,3) = [[1, 2, 0], [0, 1, 3], [4, 0, 1]]\nx' @ A @ x");
  const outside = await page.$eval('#calc-graph svg', (svg) => {
    const v = svg.viewBox.baseVal;
    return [...svg.querySelectorAll('.graph-edge')].map((p) => p.getBBox())
      .filter((b) => b.x < v.x || b.y < v.y || b.x + b.width > v.x + v.width || b.y + b.height > v.y + v.height)
      .map((b) => `${b.x},${b.y} ${b.width}x${b.height} outside ${v.x},${v.y} ${v.width}x${v.height}`);
  });
  assert.deepEqual(outside, []);
  await setProgram(page, 'w: vec(3) = [0.5, 1, 2]\nx: vec(3) = [1, 2, 0.5]\nb: scalar = 0.1\nz = w . x + b\na = max(0, z)');
  await page.locator('#calc-graph .graph-node', { hasText: 'a = relu' }).click();
  await page.waitForSelector('#calc-node button.link-button');
  assert.match(await page.textContent('#calc-node'), /Rectified linear unit \(lesson 10\)/);
  await page.click('#calc-node button.link-button');
  await page.waitForSelector('#lesson[data-state="done"][data-item="10"]');
  assert.match(await page.evaluate(() => location.hash), /view=lessons/);
  assert.match(await page.evaluate(() => location.hash), /lesson=10/);
  assert.deepEqual(errors, []);
  await close();
});

test('axe-core: no serious or critical violations on the calculator (with an error shown too); screenshot', async (t) => {
  const { page, errors, close } = await open();
  await injectAxe(page);
  const run = async () => {
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    for (const v of violations) t.diagnostic(`${v.impact}: ${v.id} at ${v.nodes.join(', ')}`);
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  };
  await page.screenshot({ path: `${ARTIFACTS}/calculator.png`, fullPage: true });
  assert.deepEqual(await run(), []);
  await setProgram(page, 'x: vec(3) = [1,2,3]\nW: mat(2,3) = [[1,2,3],[4,5,6]]\nx + W', 'error');
  await page.screenshot({ path: `${ARTIFACTS}/calculator-error.png` });
  assert.deepEqual(await run(), []);
  assert.deepEqual(errors, []);
  await close();
});
