// The page under its Content-Security-Policy (web/index.html: this origin only, no inline script, no
// eval, WebAssembly allowed by 'wasm-unsafe-eval'): the policy is really in force, the engine loads and
// trains in its worker, the calculator renders its maths, and no violation or console error appears.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, stepCount } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.close(); });

test('the page works under its Content-Security-Policy with no violation', async () => {
  const { page, errors, close } = await openPage(env);
  const policy = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(policy, /'unsafe-eval'|https?:|\*/, 'no eval, no other origin');
  // The policy is enforced: an inline script added now does not run, and reports a violation.
  const blocked = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.head.append(s);
    setTimeout(() => resolve(window.inlineRan ? 'ran' : 'no report'), 2000);
  }));
  assert.match(blocked, /^script-src/);
  errors.length = 0; // the refusal of that probe is logged as an error on purpose; start counting now
  const violations = [];
  await page.exposeFunction('reportViolation', (d) => violations.push(d));
  await page.evaluate(() => document.addEventListener('securitypolicyviolation',
    (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));

  const before = await stepCount(page);
  await page.click('#step');
  await page.waitForFunction((n) => /step (\d+)/.exec(document.querySelector('#counters').textContent)[1] > n, before);
  assert.equal(await stepCount(page), before + 1);

  await page.goto(`${env.url}#view=calculator`);
  await page.waitForSelector('#panel-calculator[data-state="done"]');
  assert.ok(await page.locator('#calc-results .katex').count() > 0, 'KaTeX rendered');
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await close();
});
