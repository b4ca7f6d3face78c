// The walk-through of one training step in headless Chromium, against the built page:
// step, walk every node forward then backward, the chain of a weight against the engine's gradient, the
// rule names and lesson links, the presets (the single ReLU neuron with its mask; the classic 2-2-1
// sigmoid example against a hand calculation), the exports, axe-core on the panel, and a screenshot of
// the backward pass of a 2-layer network (tests/artifacts/walkthrough-backward.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startBrowser, openPage, ARTIFACTS, injectAxe } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.close(); });

// A 2-layer network (one hidden layer of 3 tanh units, a sigmoid output) on a small batch.
const TWO_LAYER = '#dataset=circle&points=100&seed=2&features=x,y&hidden=3&activation=tanh&batch=2&lr=0.1&optimizer=sgd';

// The launcher appears under the playground after its first step (or from the Walk-through tab).
async function stepAndOpen(page, granularity = 'batch') {
  if (!(await page.$('#wt-step'))) {
    await page.click('#step');
    await page.waitForSelector('#wt-step');
  }
  await page.selectOption('#wt-granularity', granularity);
  const prevStep = await page.evaluate(() => document.querySelector('#walkthrough')?.dataset.stepNumber ?? null);
  await page.click('#wt-step');
  await page.waitForFunction((b) => {
    const w = document.querySelector('#walkthrough');
    return w && w.dataset.count && w.dataset.stepNumber !== b && document.querySelector('#wt-detail .katex');
  }, prevStep, { timeout: 30000 });
}

const position = (page) => page.evaluate(() => {
  const w = document.querySelector('#walkthrough');
  return { index: Number(w.dataset.index), count: Number(w.dataset.count), phase: w.dataset.phase, node: Number(w.dataset.node) };
});

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFile(await file.path(), 'utf8');
}

test('step, then Next through every node of the forward and the backward pass without errors', async () => {
  const { page, errors, close } = await openPage(env, TWO_LAYER);
  await stepAndOpen(page);
  const start = await position(page);
  assert.equal(start.index, 0);
  assert.equal(start.phase, 'forward');
  const trace = JSON.parse(await download(page, '#wt-export-json'));
  assert.equal(trace.schemaVersion, 1);
  assert.equal(start.count, trace.forward.length + trace.backward.length, 'one stop per forward and per backward node');
  const phases = [];
  const rules = new Set();
  const highlighted = new Set();
  for (let k = 0; k < start.count; k++) {
    const p = await position(page);
    assert.equal(p.index, k);
    phases.push(p.phase);
    // The graph view marks the same node as current.
    assert.equal(await page.getAttribute('#wt-graph .graph-node.current', 'data-id'), String(p.node));
    for (const name of await page.$$eval('#wt-detail .wt-rule .rule-link, #wt-detail .wt-rule .rule-name', (els) => els.map((e) => e.textContent))) rules.add(name);
    highlighted.add(await page.evaluate(() => document.querySelectorAll('.network .highlight').length));
    if (k < start.count - 1) {
      await page.click('#wt-next');
      await page.waitForFunction((i) => document.querySelector('#walkthrough').dataset.index === String(i), k + 1);
    }
  }
  assert.equal(await page.isDisabled('#wt-next'), true, 'Next is disabled at the end');
  // Forward stops first, then backward stops, with no interleaving.
  const firstBackward = phases.indexOf('backward');
  assert.equal(firstBackward, trace.forward.length);
  assert.ok(phases.slice(firstBackward).every((p) => p === 'backward'));
  // The rules of the paper are named (as the engine's rule table names them).
  const names = new Set(trace.forward.map((f) => f.rule.name));
  for (const must of ['Matrix product (a layer of neurons)', 'Bias added across a batch']) {
    assert.ok(names.has(must) && rules.has(must), `rule "${must}" shown (saw: ${[...rules].join('; ')})`);
  }
  assert.ok(highlighted.size > 1, 'the network drawing highlights follow the current node');
  // Keyboard: ArrowLeft goes back one node.
  await page.focus('#wt-prev');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await position(page)).index, start.count - 2);
  // Training on makes the shown step history, and the panel says so until the next traced step.
  assert.equal(await page.isVisible('#wt-stale'), false);
  await page.click('#step');
  await page.waitForSelector('#wt-stale', { state: 'visible' });
  await page.click('#wt-step');
  await page.waitForSelector('#wt-stale', { state: 'hidden' });
  assert.deepEqual(errors, []);
  await close();
});

test('the gradient shown for a clicked weight equals the engine\'s, as a chain of factors', async () => {
  const { page, errors, close } = await openPage(env, TWO_LAYER);
  await stepAndOpen(page);
  const trace = JSON.parse(await download(page, '#wt-export-json'));
  // Click the first link of the playground's network drawing (W1[1,1]); it also opens the value editor.
  await page.click('.network svg g');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#wt-chain-result');
  const shown = await page.evaluate(() => {
    const r = document.querySelector('#wt-chain-result');
    return { name: r.dataset.name, gradient: Number(r.dataset.gradient), text: r.textContent };
  });
  assert.equal(shown.name, 'W1[1,1]');
  const W1 = trace.parameters.find((p) => p.name === 'W1');
  assert.equal(shown.gradient, W1.gradient.data[0][0], 'the trace\'s parameter gradient');
  // Independent of the trace: the engine's weights().weightGrads, as the network drawing's readout shows it.
  await page.focus('.network svg g');
  const readout = await page.textContent('.network .tooltip');
  const m = /∂loss\/∂W1\[1,1\] = (\S+)/.exec(readout);
  assert.ok(m, readout);
  assert.ok(Math.abs(Number(m[1]) - shown.gradient) <= 5e-4 * Math.max(Math.abs(shown.gradient), 1e-12) + 1e-15,
    `weights().weightGrads ${m[1]} vs walk-through ${shown.gradient}`);
  // The chain's paths multiply out to the gradient (the engine's products and sum, written out).
  const chain = trace.chains.find((c) => c.variable === W1.id && c.entry[0] === 0 && c.entry[1] === 0);
  const tex = await page.getAttribute('#wt-chain', 'data-tex');
  assert.ok(tex.includes('\\frac{\\partial'), 'the chain is typeset as factors');
  assert.ok(Math.abs(chain.pathSum - shown.gradient) <= 1e-12 * Math.max(1, Math.abs(shown.gradient)));
  // ...and agrees with central differences (the engine's check).
  const fd = trace.gradientCheck.variables.find((v) => v.id === W1.id).numeric.data[0][0];
  assert.ok(Math.abs(fd - shown.gradient) <= 1e-6 * Math.max(Math.abs(fd), 1e-3), `fd ${fd} vs ${shown.gradient}`);
  // The derivation exports as LaTeX.
  const latex = await download(page, '#wt-export-tex');
  assert.match(latex, /\\begin\{align\*\}/);
  assert.match(latex, /\\documentclass\{article\}/);
  assert.deepEqual(errors, []);
  await close();
});

test('a rule name links to its lesson (the URL lesson field)', async () => {
  const { page, errors, close } = await openPage(env, TWO_LAYER);
  await stepAndOpen(page);
  await page.click('#wt-next'); // past the first leaf...
  while (!(await page.$('#wt-detail .rule-link'))) await page.click('#wt-next');
  const item = (await page.getAttribute('#wt-detail .rule-link', 'title')).match(/lesson (\d+)/)[1];
  assert.deepEqual(errors, []);
  await page.click('#wt-detail .rule-link');
  await page.waitForFunction(() => /view=lessons/.test(location.hash));
  assert.match(await page.evaluate(() => location.hash), new RegExp(`lesson=${item}(&|$)`));
  // (What the lesson page then shows is the lessons tests' business: tests/browser/lessons.test.mjs.)
  await close();
});

test('preset "single neuron": z = w.x + b, ReLU, MSE over a batch, with the per-sample ReLU mask', async () => {
  const { page, errors, close } = await openPage(env);
  await page.click('#tab-walkthrough'); // the presets are offered on the Walk-through tab
  await page.click('button[data-preset="neuron"]');
  await page.waitForFunction(() => document.querySelector('#wt-preset')?.value === 'neuron');
  await stepAndOpen(page, 'batch');
  const trace = JSON.parse(await download(page, '#wt-export-json'));
  assert.deepEqual(trace.forward.filter((f) => f.kind === 'variable').map((f) => f.shape), ['1x2', '1x1']);
  assert.equal(trace.step.samples.length, 5);
  const relu = trace.forward.find((f) => /relu/.test(f.op));
  assert.ok(relu, 'a relu node');
  // Go to the relu node's forward stop: the mask is shown, one entry per sample.
  await page.click(`#wt-graph .graph-node[data-id="${relu.id}"]`);
  await page.waitForSelector('#wt-detail .wt-mask .katex');
  const rules = await page.$$eval('#wt-detail .wt-rule', (els) => els.map((e) => e.dataset.rule));
  assert.ok(rules.length >= 1);
  const mse = trace.forward.find((f) => f.id === trace.root).rule;
  assert.equal(mse.paperItem, 11);
  // The paper's loss gradient (section 6) in closed form, from the step's inputs (X, Y, w, b before the update):
  // dC/dw = (2/N) sum over samples with z_i > 0 of (w.x_i + b - y_i) x_i^T.
  const value = (name) => trace.forward.find((f) => f.name === name).value.data;
  const X = value('X'); const Y = value('Y');
  const w = trace.parameters.find((p) => p.name === 'W1').before.data[0];
  const b = trace.parameters.find((p) => p.name === 'b1').before.data[0][0];
  const N = Y[0].length;
  let dw0 = 0;
  let active = 0;
  for (let i = 0; i < N; i++) {
    const z = w[0] * X[0][i] + w[1] * X[1][i] + b;
    if (z > 0) { dw0 += (2 / N) * (z - Y[0][i]) * X[0][i]; active += 1; }
  }
  await page.click('#wt-weights .wt-weight'); // W1[1,1]
  const shown = Number(await page.getAttribute('#wt-chain-result', 'data-gradient'));
  assert.ok(Math.abs(shown - dw0) <= 1e-12 * Math.max(1, Math.abs(dw0)), `dC/dw1 ${shown} vs closed form ${dw0} (${active} of ${N} active)`);
  // The mask shown is the closed form's: 1 exactly where z > 0.
  const maskTex = await page.$eval('#wt-detail .wt-mask [data-tex]', (e) => e.dataset.tex);
  assert.equal((maskTex.match(/(^|[^.\d])1(?![\d.])/g) ?? []).length, active, maskTex);
  assert.deepEqual(errors, []);
  await close();
});

test('preset "2-2-1 sigmoid, two biases": the classic numbers, checked by hand', async () => {
  const { page, errors, close } = await openPage(env);
  await page.click('#tab-walkthrough'); // the presets are offered on the Walk-through tab
  await page.click('button[data-preset="classic"]');
  await page.waitForFunction(() => document.querySelector('#wt-preset')?.value === 'classic');
  await stepAndOpen(page, 'sample');
  const trace = JSON.parse(await download(page, '#wt-export-json'));
  // Forward and backward by hand (MSE without 1/2 over one sample, as the engine defines it).
  const s = (z) => 1 / (1 + Math.exp(-z));
  const x = [0.05, 0.10];
  const h = [s(0.15 * x[0] + 0.20 * x[1] + 0.35), s(0.25 * x[0] + 0.30 * x[1] + 0.35)];
  const o = s(0.40 * h[0] + 0.45 * h[1] + 0.60);
  const loss = (o - 0.01) ** 2;
  const dW1 = 2 * (o - 0.01) * o * (1 - o) * 0.40 * h[0] * (1 - h[0]) * x[0];
  assert.ok(Math.abs(trace.loss - loss) <= 1e-12, `loss ${trace.loss} vs ${loss}`);
  await page.click('#wt-weights .wt-weight'); // W1[1,1]
  const shown = Number(await page.getAttribute('#wt-chain-result', 'data-gradient'));
  assert.ok(Math.abs(shown - dW1) <= 1e-12, `dC/dW1[1,1] ${shown} vs by hand ${dW1}`);
  assert.deepEqual(errors, []);
  await close();
});

test('axe-core: no serious or critical violations in the walk-through; screenshot of the backward pass', async (t) => {
  const { page, errors, close } = await openPage(env, TWO_LAYER);
  await stepAndOpen(page);
  const trace = JSON.parse(await download(page, '#wt-export-json'));
  // The backward stop of the first layer's matrix product: upstream x local Jacobian for W1 and X.
  const product = trace.nodes.layers[0].product;
  const k = trace.forward.length + trace.backward.findIndex((b) => b.id === product);
  while ((await position(page)).index < k) await page.click('#wt-next');
  await page.click('#wt-weights .wt-weight');
  await page.waitForSelector('#wt-chain .katex');
  await injectAxe(page);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run({ include: [['#walkthrough'], ['#wt-launch']] }, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  for (const v of violations) t.diagnostic(`${v.impact}: ${v.id} at ${v.nodes.join(', ')}`);
  assert.deepEqual(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), []);
  await page.locator('#walkthrough').screenshot({ path: `${ARTIFACTS}/walkthrough-backward.png` });
  await page.screenshot({ path: `${ARTIFACTS}/walkthrough-page.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await close();
});

test('layout switch, total-derivative sums with L2, and the graph by keyboard', async () => {
  const { page, errors, close } = await openPage(env, `${TWO_LAYER}&reg=l2&regRate=0.01`);
  await stepAndOpen(page);
  const trace = JSON.parse(await download(page, '#wt-export-json'));
  // W1 feeds the layer's product and the L2 penalty: two contributions that sum to its gradient.
  const W1 = trace.parameters.find((p) => p.name === 'W1');
  const entry = trace.backward.find((b) => b.id === W1.id);
  assert.equal(entry.contributions.length, 2);
  const k = trace.forward.length + trace.backward.indexOf(entry);
  // By keyboard: focus the graph, move to W1 with the arrow keys, Enter selects it (forward stop), then
  // ArrowRight on the panel walks on until the backward stop of W1.
  await page.focus('#wt-graph .graph-node[tabindex="0"]');
  for (let n = 0; n < trace.forward.length && (await page.evaluate(() => document.activeElement.dataset.id)) !== String(W1.id); n++) {
    await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.press('Enter');
  assert.equal((await position(page)).node, W1.id);
  await page.focus('#wt-next');
  while ((await position(page)).index < k) await page.keyboard.press('ArrowRight');
  assert.equal((await position(page)).phase, 'backward');
  assert.match(await page.textContent('#wt-detail .wt-total'), /feeds 2 nodes/);
  assert.match(await page.textContent('#wt-detail .wt-total'), /Total-derivative rule/);
  // The layout switch: numerator rows by default, denominator columns and transposed Jacobians.
  while (!(await page.$('#wt-detail .wt-input'))) await page.click('#wt-prev'); // a stop with a product
  const before = await page.$$eval('#wt-detail [data-tex]', (els) => els.map((e) => e.dataset.tex).join('\n'));
  assert.match(before, /\\frac\{\\partial/);
  assert.match(await page.textContent('#wt-detail .wt-note'), /stored gradient has the shape of its variable/);
  await page.check('#wt-layout-denominator');
  const after = await page.$$eval('#wt-detail [data-tex]', (els) => els.map((e) => e.dataset.tex).join('\n'));
  assert.notEqual(after, before);
  assert.match(await page.textContent('#wt-detail .wt-note'), /Denominator layout/);
  assert.deepEqual(errors, []);
  await close();
});
