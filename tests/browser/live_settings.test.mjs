// A change of the learning rate applies to the running network (as in TensorFlow Playground): the
// weights and the step counter stay. Compared through the engine's model export, not the drawing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, stepCount } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.close(); });

const XOR = '#dataset=xor&points=200&seed=3&hidden=4,2&optimizer=adam&lr=0.03&batch=10';

async function exportModel(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-model')]);
  const bytes = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c));
  return JSON.parse(bytes.toString());
}

test('lowering the learning rate while training keeps the step and the weights', async () => {
  const { page, errors, close } = await openPage(env, XOR);
  await page.click('#play');
  await page.waitForFunction(() => Number(/step (\d+)/.exec(document.querySelector('#counters').textContent)?.[1]) >= 100);
  // While playing: the counter never returns to 0 after the change.
  await page.evaluate(() => {
    window.lowestStep = Infinity;
    new MutationObserver(() => {
      const step = Number(/step (\d+)/.exec(document.querySelector('#counters').textContent)?.[1]);
      window.lowestStep = Math.min(window.lowestStep, step);
    }).observe(document.querySelector('#counters'), { childList: true, subtree: true, characterData: true });
  });
  await page.selectOption('[data-control="lr"] select', '0.01');
  await page.waitForFunction(() => /lr=0\.01(&|$)/.test(location.hash));
  const playedTo = await stepCount(page);
  await page.waitForFunction((n) => Number(/step (\d+)/.exec(document.querySelector('#counters').textContent)?.[1]) > n + 20, playedTo);
  assert.ok(await page.evaluate(() => window.lowestStep) >= 100, 'the step counter went on from where it was');

  // Paused: the weights right before and right after a change are equal, bit for bit.
  await page.click('#play');
  await page.waitForFunction(() => document.querySelector('#play').textContent === 'Play');
  const before = await exportModel(page);
  await page.selectOption('[data-control="lr"] select', '0.003');
  await page.waitForFunction(() => /lr=0\.003(&|$)/.test(location.hash));
  const after = await exportModel(page);
  assert.equal(before.config.optimizer.lr, 0.01);
  assert.equal(after.config.optimizer.lr, 0.003);
  assert.equal(after.step, before.step);
  assert.ok(after.step > 100);
  assert.deepEqual(after.layers, before.layers);
  assert.deepEqual(after.optimizer, before.optimizer, 'adam keeps its moments');
  assert.deepEqual(errors, []);
  await close();
});
