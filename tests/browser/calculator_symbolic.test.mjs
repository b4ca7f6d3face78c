// The calculator's closed form in headless Chromium: the formula first (KaTeX), its text, the steps
// with their rules, the Hessian toggle; infinite and undefined values drawn as such with no false
// alarm, a kink named as a kink; the default variable of a loss is its parameter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.close(); });

const DONE = '#panel-calculator[data-state="done"]';
const open = (hash = '#view=calculator') => openPage(env, hash, { waitFor: DONE });

async function setProgram(page, text) {
  await page.fill('#calc-source', text);
  await page.click('#calc-run');
  await page.waitForSelector(DONE);
}

test('the closed form comes first, typeset, with its text, steps linked to lessons, a passed check and a Hessian', async () => {
  const { page, errors, close } = await open();
  // the default program: z = w . x + b, a = max(0, z) by w -> (z > 0) * x
  const order = await page.$$eval('#calc-results > section', (ss) => ss.map((s) => s.id || s.querySelector('[id]')?.id));
  assert.equal(order[0], 'calc-symbolic-card', order.join(', '));
  assert.equal(await page.textContent('#calc-symbolic-text'), '(z > 0) * x');
  assert.ok(await page.$('#calc-symbolic .katex'), 'the closed form is typeset');
  assert.match(await page.textContent('#calc-symbolic-card'), /where\s*z\s*=/);
  assert.equal(await page.$eval('#calc-symbolic-check', (e) => e.dataset.passed), 'true');
  await page.click('#calc-steps summary');
  const rules = await page.$$eval('#calc-steps li button', (bs) => bs.map((b) => b.textContent));
  assert.ok(rules.includes('dot product'), rules.join(', '));
  await setProgram(page, "x: vec(3) = [1, 2, 3]\nA: mat(3,3) = [[1, 2, 0], [0, 1, 3], [4, 0, 1]]\nx' @ A @ x");
  assert.equal(await page.textContent('#calc-symbolic-text'), "(A + A') @ x");
  await page.check('#calc-hessian');
  await page.waitForSelector('#calc-hessian-value[data-value]');
  await page.waitForSelector(DONE);
  assert.deepEqual(JSON.parse(await page.$eval('#calc-hessian-value', (e) => e.dataset.value)).data, [[2, 2, 4], [2, 2, 3], [4, 3, 2]]);
  // the verdict is in the words, not only in the badge's colour; a 3 x 3 Hessian fits (nothing to expand)
  assert.match(await page.textContent('#calc-hessian-check'), /^Hessian checked: /);
  assert.equal(await page.$('#calc-hessian-value-expand'), null);
  assert.doesNotMatch(await page.textContent('#calc-symbolic-card'), /null/);
  assert.deepEqual(errors, []);
  await close();
});

test('log(x) and sqrt(x) at 0: -inf shown as such, the derivative said undefined, no failed check, no disagreement', async () => {
  const { page, errors, close } = await open();
  for (const program of ['x: scalar = 0\nlog(x)', 'x: scalar = 0\nsqrt(x)']) {
    await setProgram(page, program);
    const results = await page.textContent('#calc-results');
    assert.doesNotMatch(results, /FAILED|DISAGREE|written as null/, program);
    assert.equal(await page.$eval('#calc-fd', (e) => e.dataset.status), 'undefined');
    assert.match(await page.textContent('#calc-fd'), /undefined there/);
    assert.match(await page.textContent('#calc-modes-agree'), /they agree/);
    // the closed form is checked at random points instead
    assert.equal(await page.$eval('#calc-symbolic-check', (e) => e.dataset.passed), 'true');
  }
  await setProgram(page, 'x: scalar = 0\nlog(x)');
  assert.match(await page.textContent('#calc-value'), /−∞/, 'the value is drawn as minus infinity');
  assert.match(await page.textContent('#calc-results'), /is -∞ at this point, so its derivative is undefined there/);
  assert.deepEqual(errors, []);
  await close();
});

test('relu at 0 is named a kink, not a failed check', async () => {
  const { page, errors, close } = await open();
  await setProgram(page, 'x: scalar = 0\nrelu(x)');
  assert.equal(await page.$eval('#calc-fd', (e) => e.dataset.status), 'kink');
  assert.match(await page.textContent('#calc-fd'), /kink: relu's argument is 0/);
  assert.doesNotMatch(await page.textContent('#calc-results'), /FAILED/);
  assert.deepEqual(errors, []);
  await close();
});

test('the default variable of an MLP loss is W1, not the input x', async () => {
  const { page, errors, close } = await open();
  await setProgram(page, 'x: vec(2) = [0.5, -1]\nW1: mat(3,2) = [[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]]\nb1: vec(3) = [0, 0.1, -0.1]\n' +
    'w2: vec(3) = [1, -1, 0.5]\nt: scalar = 1\nh = tanh(W1 @ x + b1)\nC = (w2 . h - t)^2');
  assert.equal(await page.$eval('#calc-wrt option', (o) => o.textContent), 'default (W1)');
  assert.equal(await page.$eval('#calc-derivative', (e) => e.dataset.shape), '3x2');
  assert.deepEqual(errors, []);
  await close();
});

test('the calculator\'s module loads on first use; when it cannot, the tab says so and the playground keeps working', async () => {
  const { page, errors, responses, close } = await openPage(env);
  assert.deepEqual(responses.filter((u) => /mc_calculator/.test(u)), [], 'not loaded by the first screen');
  const blocked = /mc_calculator[^/]*\.wasm$/;
  await page.context().route(blocked, (route) => route.abort());
  await page.click('#tab-calculator');
  await page.waitForSelector('#panel-calculator[data-state="error"]');
  assert.match(await page.textContent('.calc-error-message'), /^The calculator's engine \(mc_calculator\.wasm\) could not be loaded.*The playground keeps working/);
  assert.ok(await page.isHidden('.calc-graph-card'), 'no empty graph before any answer');
  await page.click('#tab-lessons'); // the lessons use the same module: one clear sentence, no false verdicts
  await page.waitForSelector('#lesson[data-state="done"]');
  assert.match(await page.textContent('#lesson-summary'), /^The calculator's engine \(mc_calculator\.wasm\) could not be loaded.*Try again$/);
  assert.equal((await page.$$('.lesson-check')).length, 0, 'said once, not once per rule');
  await page.click('#paper-check'); // the paper check stops with the reason, it reports no disagreement
  await page.waitForSelector('#paper-check-result[data-state="error"]');
  assert.match(await page.textContent('#paper-check-result'), /^The paper check stopped: lesson 3: The calculator's engine \(mc_calculator\.wasm\) could not be loaded/);
  await page.click('#tab-playground');
  await page.click('#step');
  await page.waitForFunction(() => /step 1 /.test(document.querySelector('#counters').textContent));
  await page.context().unroute(blocked);
  await page.click('#tab-calculator');
  await page.click('#calc-run');
  await page.waitForSelector(DONE);
  assert.equal(await page.textContent('#calc-symbolic-text'), '(z > 0) * x');
  await page.click('#tab-lessons');
  await page.click('#lesson-retry'); // the lesson tries again and now gets its verdicts
  await page.waitForFunction(() => /rules: the engine agrees/.test(document.querySelector('#lesson-summary')?.textContent));
  assert.ok((await page.$$('.lesson-check')).length > 0);
  assert.deepEqual(errors.filter((e) => !(e.startsWith('request failed') && blocked.test(e.split(' ')[2]))), []);
  await close();
});
