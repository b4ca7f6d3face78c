// The playground in a real browser (headless Debian Chromium), against the built dist/ served under a
// sub-path. Run: npm run build && node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, stepCount, metric, ARTIFACTS } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.close(); });

const XOR = '#dataset=xor&noise=0&trainFraction=0.5&points=300&seed=3&features=x,y&hidden=6,4' +
  '&activation=tanh&optimizer=adam&lr=0.03&batch=10&reg=none&regRate=0&init=xavier&showTest=true';

test('the page loads with no console errors and draws the network', async () => {
  const { page, errors, close } = await openPage(env);
  assert.equal(await page.locator('#panel-playground').isVisible(), true);
  assert.ok(await page.locator('.network .node').count() >= 2 + 4 + 2 + 1, 'inputs, 4 + 2 hidden, output');
  assert.match(await page.textContent('#counters'), /step 0 · epoch 0/);
  assert.deepEqual(errors, []);
  await close();
});

test('training xor from the URL config reaches >= 95 % test accuracy', async () => {
  const { page, errors, close } = await openPage(env, XOR);
  await page.click('#play');
  await page.waitForFunction(() => {
    const m = /Test accuracy ([\d.]+)\s%/.exec(document.querySelector('#metrics').textContent);
    return m && Number(m[1]) >= 95 && /epoch ([2-9]\d|\d{3,})/.test(document.querySelector('#counters').textContent);
  }, null, { timeout: 60000, polling: 250 });
  await page.click('#play'); // pause
  const accuracy = await metric(page, /Test accuracy ([\d.]+)\s%/);
  assert.ok(accuracy >= 95, `test accuracy ${accuracy} %`);
  await page.screenshot({ path: `${ARTIFACTS}/playground-xor-trained.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await close();
});

test('training at full speed keeps animation frames coming (the worker computes, not the page)', async () => {
  const { page, errors, close } = await openPage(env, '#dataset=spiral&hidden=8,8,8&batch=10&points=1000&speed=max');
  await page.click('#play');
  // No clock in this test: while the worker trains, animation frames keep being called AND see the
  // step counter move between them (a page computing on its own thread would get no frames during a
  // burst), and the page itself never fetches the engine (only the worker does).
  const seen = await page.evaluate(() => new Promise((done) => {
    const counters = new Set();
    let frames = 0;
    const tick = () => {
      frames += 1;
      counters.add(document.querySelector('#counters').textContent);
      if (frames < 90) requestAnimationFrame(tick); else done({ frames, distinct: counters.size });
    };
    requestAnimationFrame(tick);
  }));
  await page.click('#play');
  assert.ok(await stepCount(page) > 0, 'it trained');
  assert.ok(seen.distinct >= 3, `the counter moved only ${seen.distinct - 1} times across ${seen.frames} frames`);
  const wasmOnPage = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('.wasm')).length);
  assert.equal(wasmOnPage, 0, 'the page itself fetched the engine: training would run on its thread');
  assert.deepEqual(errors, []);
  await close();
});

test('changing a control updates the URL, and reloading restores it', async () => {
  const { page, errors, close } = await openPage(env);
  await page.selectOption('[data-control="activation"] select', 'relu');
  await page.selectOption('[data-control="lr"] select', '0.1');
  await page.check('[data-control="showTest"] input');
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /activation=relu/);
  assert.match(hash, /lr=0\.1(&|$)/);
  assert.match(hash, /showTest=true/);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.inputValue('[data-control="activation"] select'), 'relu');
  assert.equal(await page.inputValue('[data-control="lr"] select'), '0.1');
  assert.equal(await page.isChecked('[data-control="showTest"] input'), true);
  assert.deepEqual(errors, []);
  await close();
});

test('a typed seed or target value out of range is refused with the row\'s message, not an uncaught error', async () => {
  const { page, errors, close } = await openPage(env, '#seed=5');
  await page.fill('[data-control="seed"] input', '-1');
  await page.dispatchEvent('[data-control="seed"] input', 'change');
  assert.match(await page.evaluate(() => document.querySelector('[data-control="seed"] input').validationMessage),
    /seed=-1: allowed: 0 \.\. 9007199254740992/); // the engine's range (2^53)
  assert.match(await page.evaluate(() => location.hash), /seed=5(&|$)/);
  // The target value of added points (regression data) is checked the same way.
  await page.evaluate(() => { location.hash = '#seed=5&dataset=reg-plane'; });
  await page.waitForSelector('.add-value:not([hidden])');
  await page.fill('.add-value', '5000');
  await page.dispatchEvent('.add-value', 'change');
  assert.match(await page.evaluate(() => document.querySelector('.add-value').validationMessage), /addLabel=5000: allowed: -1000 \.\. 1000/);
  await page.fill('[data-control="seed"] input', '7');
  await page.dispatchEvent('[data-control="seed"] input', 'change');
  assert.equal(await page.evaluate(() => document.querySelector('[data-control="seed"] input').validationMessage), '');
  assert.match(await page.evaluate(() => location.hash), /seed=7(&|$)/);
  assert.deepEqual(errors, []);
  await close();
});

test('step one batch advances the counter by one and changes the loss', async () => {
  const { page, errors, close } = await openPage(env, XOR);
  const before = await stepCount(page);
  const exactLoss = () => page.getAttribute('#metrics', 'data-train-loss').then(Number);
  const lossBefore = await exactLoss();
  await page.selectOption('#step-size', 'batch');
  await page.click('#step');
  await page.waitForFunction((n) => document.querySelector('#counters').textContent.includes(`step ${n + 1} `), before);
  assert.equal(await stepCount(page), before + 1);
  const lossAfter = await exactLoss();
  assert.ok(Number.isFinite(lossBefore) && Number.isFinite(lossAfter), `losses ${lossBefore}, ${lossAfter}`);
  assert.notEqual(lossAfter, lossBefore);
  assert.deepEqual(errors, []);
  await close();
});

test('adding a hidden layer redraws the network', async () => {
  const { page, errors, close } = await openPage(env, '#hidden=4,2');
  const nodes = await page.locator('.network .node').count();
  const links = await page.locator('.network svg g').count();
  await page.click('button[aria-label="Add a hidden layer"]');
  await page.waitForFunction((n) => document.querySelectorAll('.network .node').length === n + 2, nodes);
  assert.match(await page.evaluate(() => location.hash), /hidden=4,2,2/);
  // 2 inputs -> 4 -> 2 -> 2 -> 1: the links are the products of neighbouring layer sizes
  assert.equal(await page.locator('.network svg g').count(), 2 * 4 + 4 * 2 + 2 * 2 + 2 * 1);
  assert.notEqual(links, 2 * 4 + 4 * 2 + 2 * 2 + 2 * 1);
  assert.deepEqual(errors, []);
  await close();
});

test('a diverging config shows the message, and the page trains again after a fix and a reset', async () => {
  const diverge = '#dataset=reg-plane&features=x,y,x2,y2,xy&hidden=8,8&activation=linear&optimizer=sgd&lr=10&batch=1';
  const { page, errors, close } = await openPage(env, diverge);
  await page.click('#play');
  const alert = page.locator('.message.error');
  await alert.waitFor({ timeout: 30000 });
  assert.match(await alert.textContent(), /diverg|nan|inf/i);
  assert.equal(await page.textContent('#play'), 'Play', 'training stopped');
  await page.selectOption('[data-control="lr"] select', '0.001');
  await page.click('#reset');
  // the reset's reply replaces the counters: wait for it, or the count read is the diverged run's
  await page.waitForFunction(() => /step 0 /.test(document.querySelector('#counters').textContent));
  const before = await stepCount(page);
  await page.click('#step');
  await page.waitForFunction((n) => /step (\d+)/.exec(document.querySelector('#counters').textContent)[1] > n, before);
  const loss = await metric(page, /Train loss ([-\d.e+]+)/);
  assert.ok(Number.isFinite(loss), `finite loss after the reset: ${loss}`);
  assert.equal(await page.locator('.message.error').isVisible(), false);
  assert.deepEqual(errors, []);
  await close();
});

test('importing a malformed model JSON shows an error and the page keeps working', async () => {
  const { page, errors, close } = await openPage(env);
  await page.setInputFiles('#import-model', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"layers": [2, 4') });
  const alert = page.locator('.message.error');
  await alert.waitFor();
  assert.ok((await alert.textContent()).length > 10);
  await page.setInputFiles('#import-model', { name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from('{"layers": [3, 1], "weights": []}') });
  await page.waitForFunction(() => document.querySelector('.message.error span')?.textContent.length > 10);
  await page.click('#step');
  await page.waitForFunction(() => /step 1 /.test(document.querySelector('#counters').textContent));
  assert.deepEqual(errors, []);
  await close();
});

test('exporting then importing a model round-trips', async () => {
  const { page, errors, close } = await openPage(env, XOR);
  for (let k = 0; k < 3; k++) await page.click('#step');
  await page.waitForFunction(() => /step 3 /.test(document.querySelector('#counters').textContent));
  const exported = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-model')]);
    return (await download.createReadStream()).toArray().then((c) => Buffer.concat(c));
  };
  const json = await exported();
  const first = JSON.parse(json.toString());
  const metricsBefore = await page.textContent('#metrics');
  await page.click('#reset');
  await page.waitForFunction(() => /step 0 /.test(document.querySelector('#counters').textContent));
  assert.notDeepEqual(JSON.parse((await exported()).toString()).layers, first.layers, 'reset changed the weights');
  await page.setInputFiles('#import-model', { name: 'model.json', mimeType: 'application/json', buffer: json });
  await page.waitForFunction(() => /step 3 /.test(document.querySelector('#counters').textContent));
  // the imported model is the exported one: same weights, optimiser state and data, same shown metrics
  const second = JSON.parse((await exported()).toString());
  assert.deepEqual(second.layers, first.layers);
  assert.deepEqual(second.optimizer, first.optimizer);
  assert.deepEqual(second.data, first.data);
  assert.equal(await page.textContent('#metrics'), metricsBefore);
  assert.deepEqual(errors, []);
  await close();
});

test('the shown loss and accuracy are the engine\'s metrics of the exported model', async () => {
  const { load } = await import('../node/load_engine.mjs'); // the same engine, in node
  const { page, errors, close } = await openPage(env, XOR);
  for (let k = 0; k < 5; k++) await page.click('#step');
  await page.waitForFunction(() => /step 5 /.test(document.querySelector('#counters').textContent));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-model')]);
  const model = (await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c))).toString();
  const engine = await load();
  const s = engine.createSession({});
  s.importModel(model);
  const m = s.metrics();
  s.delete();
  assert.equal(m.step, 5);
  assert.equal(await metric(page, /Train loss ([\d.]+)/), Number(m.train.loss.toFixed(4)));
  assert.equal(await metric(page, /Test loss ([\d.]+)/), Number(m.test.loss.toFixed(4)));
  assert.equal(await metric(page, /Test accuracy ([\d.]+)\s%/), Number((100 * m.test.accuracy).toFixed(1)));
  assert.deepEqual(errors, []);
  await close();
});

test('CSV import replaces the data set (it does not append to it)', async () => {
  const { page, errors, close } = await openPage(env, '#dataset=circle&points=100');
  const count = async () => Number(/^(\d+) points/.exec(await page.textContent('#point-count'))[1]);
  assert.equal(await count(), 100);
  const csv = 'x,y,label\n' + Array.from({ length: 10 }, (_, k) => `${k - 5},${(k % 3) - 1},${k % 2}`).join('\n');
  await page.setInputFiles('.csv-input', { name: 'points.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => /^10 points/.test(document.querySelector('#point-count').textContent));
  assert.match(await page.textContent('.message'), /Imported 10 points: they replace the data set/);
  await page.setInputFiles('.csv-input', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y,label\n1,2\n') });
  await page.locator('.message.error').waitFor();
  assert.equal(await count(), 10, 'a bad file changes nothing');
  assert.deepEqual(errors, []);
  await close();
});

test('clicking on the plot adds a point of the chosen class', async () => {
  const { page, errors, close } = await openPage(env, '#dataset=circle&points=100&addLabel=0');
  await page.click('.heatmap canvas', { position: { x: 120, y: 100 } });
  await page.waitForFunction(() => /^101 points/.test(document.querySelector('#point-count').textContent));
  // The plot is 300 px for [-6, 6] after a 26 px axis margin: (120, 100) px is x = -6 + 94/300 * 12 = -2.24,
  // y = 6 - 100/300 * 12 = 2; the engine holds that point (last training point) with class 0.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-model')]);
  const model = JSON.parse((await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c))).toString());
  const [x, y, label] = model.data.train.at(-1);
  assert.ok(Math.abs(x - -2.24) < 0.04 && Math.abs(y - 2) < 0.04, `clicked point (${x}, ${y})`);
  assert.equal(label, 0);
  assert.deepEqual(errors, []);
  await close();
});

test('editing a weight in the network drawing changes it in the engine (select, then Edit value)', async () => {
  const { page, errors, close } = await openPage(env, '#hidden=2');
  const link = page.locator('.network svg g').first();
  await link.focus();
  await page.keyboard.press('Enter');
  await page.click('#edit-weight');
  await page.locator('.editor input').fill('1.5');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /= 1\.500/.test(document.querySelector('.network svg g').getAttribute('aria-label')));
  assert.deepEqual(errors, []);
  await close();
});

test('classroom mode hides the controls named in the URL', async () => {
  const { page, errors, close } = await openPage(env, '#hide=optimizer,lr,model');
  assert.equal(await page.locator('[data-control="optimizer"]').isVisible(), false);
  assert.equal(await page.locator('[data-control="lr"]').isVisible(), false);
  assert.equal(await page.locator('#export-model').isVisible(), false);
  assert.equal(await page.locator('#import-model').isVisible(), false);
  assert.equal(await page.locator('#share').isVisible(), true);
  assert.equal(await page.locator('[data-control="activation"]').isVisible(), true);
  assert.deepEqual(errors, []);
  await close();
});

test('a link with a bad setting says so and uses the default', async () => {
  const { page, errors, close } = await openPage(env, '#dataset=moons&lr=0.03');
  assert.match(await page.textContent('.message.note'), /dataset=moons: allowed: circle/);
  assert.match(await page.evaluate(() => location.hash), /dataset=circle/);
  assert.deepEqual(errors, []);
  await close();
});

test('a bad setting typed into the hash of an open page says so and uses the default', async () => {
  const { page, errors, close } = await openPage(env, '#lr=0.1');
  await page.evaluate(() => { location.hash = '#lr=70&activation=relu'; });
  await page.waitForSelector('.message.note:not([hidden])');
  assert.match(await page.textContent('.message.note'), /lr=70: allowed: above 0 \.\. 10; using 0\.03/);
  assert.match(await page.evaluate(() => location.hash), /lr=0\.03(&|$)/);
  assert.match(await page.evaluate(() => location.hash), /activation=relu/);
  assert.equal(await page.inputValue('[data-control="lr"] select'), '0.03');
  assert.deepEqual(errors, []);
  await close();
});

test('step one epoch advances the epoch counter by one; step one sample advances the step by one', async () => {
  const { page, errors, close } = await openPage(env, '#dataset=circle&points=100&trainFraction=0.5&batch=10');
  await page.selectOption('#step-size', 'epoch');
  await page.click('#step');
  await page.waitForFunction(() => /epoch 1$/.test(document.querySelector('#counters').textContent));
  assert.equal(await stepCount(page), 5, '50 training points in batches of 10');
  await page.selectOption('#step-size', 'sample');
  await page.click('#step');
  await page.waitForFunction(() => /step 6 /.test(document.querySelector('#counters').textContent));
  assert.deepEqual(errors, []);
  await close();
});
