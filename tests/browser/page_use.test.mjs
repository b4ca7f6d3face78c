// The page as learners, teachers and developers meet it, in headless Chromium against the built page:
// the rule shown at the loss node, the layout switch (what is vec'd, and its shape), the chain of
// factors named by layer, a weight click that selects (editing is a second step) and shows the chain
// under the drawing, controls that stay still, the walk-through beside the network at 1440 px and
// readable on a phone, walk-through links, history entries per view, embedding (hide=, an 860 px
// iframe), the first screen's guidance and legend. Screenshots land in tests/artifacts/page-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, ARTIFACTS } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.close(); });

// Two tanh hidden layers (3 and 2 units), a sigmoid output with binary cross-entropy (the defaults).
const NET = '#dataset=circle&points=100&seed=2&hidden=3,2&activation=tanh&batch=2&lr=0.1&optimizer=sgd';

async function stepAndOpen(page) {
  await page.click('#step');
  await page.waitForSelector('#wt-step');
  await page.click('#wt-step');
  await page.waitForFunction(() => document.querySelector('#walkthrough')?.dataset.count && document.querySelector('#wt-detail .katex'), null, { timeout: 30000 });
}

async function goTo(page, index) {
  await page.evaluate((i) => {
    const w = document.querySelector('#walkthrough');
    // Next / Previous until the index is reached (the page's own controls).
    const k = Number(w.dataset.index);
    const button = document.querySelector(i > k ? '#wt-next' : '#wt-prev');
    for (let n = 0; n < Math.abs(i - k); n++) button.click();
  }, index);
  await page.waitForFunction((i) => document.querySelector('#walkthrough').dataset.index === String(i), index);
}

const inView = (page, selector) => page.$eval(selector, (e) => {
  const r = e.getBoundingClientRect();
  return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && r.height > 0;
});

test('walk-through at 1440x900: the loss rule, still controls, vec in both layouts, shapes, beside the network', async () => {
  const { page, errors, close } = await openPage(env, NET, { viewport: { width: 1440, height: 900 } });
  await stepAndOpen(page);
  const root = Number(await page.getAttribute('#walkthrough', 'data-root'));

  // Next stays where it is while the position label changes.
  const xs = new Set();
  for (let k = 0; k < 6; k++) {
    xs.add(Math.round((await page.locator('#wt-next').boundingBox()).x));
    await page.click('#wt-next');
  }
  assert.equal(xs.size, 1, `Next moved: x in ${[...xs].join(', ')}`);

  // The loss node (forward stop number root) shows binary cross-entropy with the sigmoid, not softmax.
  await goTo(page, root);
  assert.equal(await page.getAttribute('#wt-detail .wt-rule', 'data-rule'), 'binary-cross-entropy');
  const formula = await page.getAttribute('#wt-detail .wt-rule + .tex', 'data-tex');
  assert.match(formula, /\\sigma/);
  assert.doesNotMatch(formula, /softmax/);

  // A backward stop of a matrix-valued node (layer 1's tanh, 3 x 2): every gradient written as vec,
  // a 1 x 6 row in numerator layout, a 6 x 1 column in denominator layout, each number with its shape.
  const forward = Number(await page.getAttribute('#walkthrough', 'data-count'));
  const k = await page.evaluate(async ({ forward: count }) => {
    const w = document.querySelector('#walkthrough');
    for (let i = Number(w.dataset.index); i < count - 1; i++) {
      if (w.dataset.phase === 'backward' && /layer 1 · 3x2/.test(document.querySelector('#wt-graph .graph-node.current')?.textContent ?? '')
        && /tanh/.test(document.querySelector('#wt-graph .graph-node.current').textContent)) return i;
      document.querySelector('#wt-next').click();
    }
    return -1;
  }, { forward });
  assert.ok(k > 0, 'found the backward stop of layer 1 / tanh');
  const shapes = () => page.$$eval('#wt-detail [data-grad-shape]', (els) => els.map((e) => e.dataset.gradShape));
  assert.deepEqual(await shapes(), ['1x6']);
  const texts = await page.$$eval('#wt-detail .wt-input .tex', (els) => els.map((e) => e.dataset.tex).join('\n'));
  assert.match(texts, /\\operatorname\{vec\}/);
  assert.match(texts, /\\text\{upstream \}.*\\underbrace\{.*\}_\{1 \\times 6\}/);
  assert.match(await page.textContent('#wt-detail .wt-note'), /vec\(·\)/);
  await page.check('#wt-layout-denominator');
  await page.waitForFunction(() => document.querySelector('#wt-detail [data-grad-shape]')?.dataset.gradShape === '6x1');
  assert.match(await page.textContent('#wt-detail .wt-note'), /column, size x 1/);

  // The walk-through's detail and the network drawing it highlights are on screen together.
  await page.locator('#wt-detail').scrollIntoViewIfNeeded();
  assert.ok(await inView(page, '#wt-detail'), 'the walk-through is on screen');
  assert.ok(await inView(page, '.network .node.highlight'), 'the highlighted network drawing is on screen too');
  await page.screenshot({ path: `${ARTIFACTS}/page-1440-walkthrough.png` });
  assert.deepEqual(errors, []);
  await close();
});

test('a click on a weight selects it: its chain under the drawing, by layer; editing is a second step', async () => {
  const { page, errors, close } = await openPage(env, NET, { viewport: { width: 1440, height: 900 } });
  await stepAndOpen(page);
  await page.locator('.network svg g').first().click(); // W1[1,1]
  assert.equal(await page.locator('.editor').isVisible(), false, 'no edit box over the network');
  await page.waitForFunction(() => document.querySelector('#weight-selection #wt-chain-result')?.dataset.name === 'W1[1,1]');
  assert.ok(await inView(page, '#wt-chain-result'), 'the chain is on screen after the click');
  assert.equal(await page.locator('#weight-selection-hint').isVisible(), false);
  // Each path names every factor once, with its layer: no factor repeats within a path.
  const lines = await page.$$eval('#weight-selection .wt-chain .tex', (els) => els.map((e) => e.dataset.tex));
  const paths = lines.filter((t) => /^(\\begin\{aligned\} )?p_\{\d+\} =/.test(t));
  assert.ok(paths.length >= 2, `paths: ${paths.length}`);
  for (const p of paths) {
    const factors = p.match(/\\frac\{\\partial [^}]*\}[^}]*\}\{\\partial [^}]*\}[^}]*\}/g);
    assert.equal(new Set(factors).size, factors.length, `a factor repeats in ${p}`);
    assert.match(p, /\^\{\[2\]\}/);
    assert.match(p, /\^\{\[1\]\}/);
  }
  // Editing: the deliberate second action, in a field wide enough to read the value.
  await page.click('#edit-weight');
  assert.ok((await page.locator('#weight-value').boundingBox()).width >= 150);
  await page.fill('#weight-value', '1.5');
  await page.press('#weight-value', 'Enter');
  await page.waitForFunction(() => /= 1\.500/.test(document.querySelector('.network svg g').getAttribute('aria-label')));
  assert.match(await page.textContent('#weight-selection-text'), /W1\[1,1\] = 1\.500/);
  assert.deepEqual(errors, []);
  await close();
});

test('a phone (390x844): the walk-through reads without the graph pinned over it, no sideways scroll', async () => {
  const { page, errors, close } = await openPage(env, NET, { viewport: { width: 390, height: 844 } });
  await stepAndOpen(page);
  await goTo(page, 3);
  await page.locator('#wt-detail').scrollIntoViewIfNeeded();
  assert.equal(await page.evaluate(() => document.scrollingElement.scrollWidth), 390);
  assert.notEqual(await page.$eval('.wt-left', (e) => getComputedStyle(e).position), 'sticky');
  assert.ok((await page.locator('#wt-graph').boundingBox()).height <= 0.5 * 844);
  await page.screenshot({ path: `${ARTIFACTS}/page-390-walkthrough.png` });
  assert.deepEqual(errors, []);
  await close();
});

test('a link opens a preset at a stop; "Link to this stop" makes one', async () => {
  const { page, errors, close } = await openPage(env, '#view=walkthrough&preset=classic&stop=5', { waitFor: null });
  await page.waitForFunction(() => document.querySelector('#walkthrough')?.dataset.index === '5', null, { timeout: 30000 });
  assert.equal(await page.locator('.message.note').count(), 0, 'no "unknown setting" note');
  const trace = await page.evaluate(() => document.querySelector('#walkthrough').dataset.count);
  assert.ok(Number(trace) > 5);
  assert.match(await page.evaluate(() => location.hash), /dataset=reg-plane/);
  await page.click('#wt-next');
  await page.click('#wt-link');
  const link = await page.getAttribute('#wt-link', 'data-link');
  assert.match(link, /view=walkthrough/);
  assert.match(link, /preset=classic/);
  assert.match(link, /stop=6/);
  // The Walk-through tab lists a copyable link per preset; following it (page open) applies it too.
  await page.click('#tab-walkthrough');
  const href = await page.getAttribute('a[data-preset="neuron"]', 'href');
  assert.match(href, /^#.*view=walkthrough.*preset=neuron/);
  const before = await page.getAttribute('#walkthrough', 'data-count'); // the classic net's node count
  await page.click('a[data-preset="neuron"]');
  await page.waitForFunction((b) => /dataset=neuron/.test(location.hash) && !/preset=/.test(location.hash)
    && document.querySelector('#walkthrough')?.dataset.index === '0' && document.querySelector('#walkthrough').dataset.count !== b, before, { timeout: 30000 });
  const unknown = await openPage(env, '#view=walkthrough&preset=nosuch', { waitFor: '#wt-launch' });
  assert.match(await unknown.page.textContent('#messages'), /no walk-through preset 'nosuch'/);
  await unknown.close();
  assert.deepEqual(errors, []);
  await close();
});

test('tab changes are history entries: Back returns to the previous view inside the app', async () => {
  const { page, errors, close } = await openPage(env, '');
  await page.click('#tab-calculator');
  await page.waitForFunction(() => /view=calculator/.test(location.hash));
  await page.click('#tab-lessons');
  await page.waitForFunction(() => /view=lessons/.test(location.hash));
  await page.goBack();
  await page.waitForFunction(() => /view=calculator/.test(location.hash) && !document.querySelector('#panel-calculator').hidden);
  await page.goBack();
  await page.waitForFunction(() => !/view=/.test(location.hash) && !document.querySelector('#panel-playground').hidden);
  assert.equal(await page.getAttribute('#tab-playground', 'aria-selected'), 'true');
  assert.deepEqual(errors, []);
  await close();
});

test('embedding: hide= names tabs and the tab bar and says which names it does not know; 860 px shows the output', async () => {
  const a = await openPage(env, '#hide=calculator,lessons', { viewport: { width: 860, height: 900 } });
  assert.equal(await a.page.locator('#tab-calculator').isVisible(), false);
  assert.equal(await a.page.locator('#tab-lessons').isVisible(), false);
  assert.equal(await a.page.locator('#tab-playground').isVisible(), true);
  // The decision boundary on the first screen of an 860 x 900 iframe.
  const box = await a.page.locator('.heatmap canvas').boundingBox();
  assert.ok(box.y + box.height <= 900 && box.x + box.width <= 860, JSON.stringify(box));
  assert.equal(await a.page.evaluate(() => document.scrollingElement.scrollWidth), 860);
  await a.page.screenshot({ path: `${ARTIFACTS}/page-860.png` });
  assert.deepEqual(a.errors, []);
  await a.close();
  const b = await openPage(env, '#hide=tabs,bogus');
  assert.equal(await b.page.locator('nav[aria-label="Views"]').isVisible(), false);
  assert.match(await b.page.textContent('.message.note'), /'bogus' not in/);
  await b.close();
});

test('the first screen: what to press, named data sets, a legend for colours and outlines', async () => {
  const { page, errors, close } = await openPage(env, '#showTest=true', { viewport: { width: 1440, height: 900 } });
  assert.match(await page.textContent('#first-hint'), /Press Play/);
  assert.ok(await inView(page, '#first-hint'));
  const names = await page.$$eval('.dataset-option', (els) => els.map((e) => e.querySelector('.dataset-name')?.getBoundingClientRect().height > 0 && e.textContent.trim()));
  assert.ok(names.length >= 7 && names.every(Boolean), `names: ${names.join(', ')}`);
  const legend = await page.textContent('#heat-legend');
  assert.match(legend, /Network output/);
  assert.match(legend, /test point/);
  assert.ok(await inView(page, '#heat-legend'));
  // "%" does not wrap away from its number.
  assert.match(await page.textContent('#metrics'), /Test accuracy [\d.]+\u00a0%/);
  await page.click('#hint-walkthrough');
  await page.waitForFunction(() => /view=walkthrough/.test(location.hash));
  await page.screenshot({ path: `${ARTIFACTS}/page-1440-first.png` });
  assert.deepEqual(errors, []);
  await close();
});

test('after divergence the loss chart keeps its y-axis labels and its latest values', async () => {
  // Diverges in its second epoch: the losses go from about 4 to about 7e189.
  const { page, errors, close } = await openPage(env, '#dataset=reg-plane&hidden=8&activation=relu&lr=0.3&batch=100&points=1000');
  await page.click('#play');
  await page.locator('.message.error').waitFor({ timeout: 30000 });
  await page.waitForFunction(() => document.querySelector('.loss-chart')?.dataset.yTicks?.split(' ').length >= 2, null, { timeout: 10000 });
  assert.equal(await page.getAttribute('.loss-chart', 'data-y-scale'), 'log');
  assert.match(await page.textContent('.loss-chart .u-legend'), /train loss[\d.]+e\+\d+/);
  assert.deepEqual(errors, []);
  await close();
});
