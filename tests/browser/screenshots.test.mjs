// The calculator's closed form with its steps, and a lesson with the engine's derivation, at three
// widths (desktop 1440, tablet 860, phone 390 px): nothing makes the page scroll sideways (wide
// matrices scroll inside their own box), and a screenshot of each lands in tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, ARTIFACTS } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.close(); });

const WIDTHS = [1440, 860, 390];
const QUADRATIC = "x: vec(3) = [1, 2, 3]\nA: mat(3,3) = [[1, 2, 0], [0, 1, 3], [4, 0, 1]]\nx' @ A @ x";
const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);

test('the closed form with its steps, and a lesson with its derivation, at 1440, 860 and 390 px', async () => {
  for (const width of WIDTHS) {
    const viewport = { width, height: 900 };
    const calc = await openPage(env, `#view=calculator&expr=${encodeURIComponent(QUADRATIC)}`,
      { viewport, waitFor: '#panel-calculator[data-state="done"]' });
    assert.equal(await calc.page.textContent('#calc-symbolic-text'), "(A + A') @ x");
    await calc.page.click('#calc-steps summary');
    assert.ok(await calc.page.isVisible('#calc-steps li .katex'), 'the steps are typeset');
    assert.ok(await pageWidth(calc.page) <= width, `calculator at ${width} px: the page is ${await pageWidth(calc.page)} px wide`);
    await calc.page.screenshot({ path: `${ARTIFACTS}/calculator-closed-form-${width}.png`, fullPage: true });
    assert.deepEqual(calc.errors, []);
    await calc.close();

    const lesson = await openPage(env, '#view=lessons&lesson=10', { viewport, waitFor: '#lesson[data-state="done"][data-item="10"]' });
    await lesson.page.click('.lesson-check:nth-child(3) .lesson-steps summary');
    assert.ok(await lesson.page.isVisible('.lesson-check:nth-child(3) .lesson-steps li .katex'));
    assert.ok(await pageWidth(lesson.page) <= width, `lesson at ${width} px: the page is ${await pageWidth(lesson.page)} px wide`);
    await lesson.page.locator('.lesson-check:nth-child(3)').scrollIntoViewIfNeeded();
    await lesson.page.screenshot({ path: `${ARTIFACTS}/lesson-derivation-${width}.png`, fullPage: true });
    assert.deepEqual(lesson.errors, []);
    await lesson.close();
  }
});
