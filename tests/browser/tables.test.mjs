// Data with any number of inputs in the browser: a 4-column CSV (4 inputs and a class column) is imported,
// replaces the data set, trains, and shows its confusion matrix and a chosen pair of inputs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, ARTIFACTS } from './harness.mjs';

let env;
before(async () => { env = await startBrowser(); });
after(async () => { await env?.close(); });

// Four inputs, three classes: the class is decided by which of a, c, d is largest (b is noise).
function fourColumnCsv() {
  const rows = ['a,b,c,d,label'];
  let s = 7;
  const next = () => { s = (s * 16807) % 2147483647; return (s / 2147483647) * 2 - 1; };
  for (let k = 0; k < 120; k++) {
    const [a, b, c, d] = [next(), next(), next(), next()];
    const label = a > c && a > d ? 0 : c > d ? 1 : 2;
    rows.push([a, b, c, d].map((v) => v.toFixed(4)).join(',') + `,${label}`);
  }
  return rows.join('\n') + '\n';
}

test('import a 4-column CSV, train, see the confusion matrix', async () => {
  const { page, errors, close } = await openPage(env, '#dataset=circle&points=100&hidden=8&optimizer=adam&lr=0.03&batch=10');
  await page.setInputFiles('.csv-input', { name: 'four.csv', mimeType: 'text/csv', buffer: Buffer.from(fourColumnCsv()) });
  await page.waitForFunction(() => /^120 points/.test(document.querySelector('#point-count').textContent));
  // the network now takes the four columns: a, b, c, d on the input layer
  await page.locator('.table-views .confusion-test').waitFor();
  assert.equal(await page.locator('#pair-x option').count(), 4);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('#metrics').dataset.testAccuracy) >= 0.85,
    null, { timeout: 60000, polling: 250 });
  await page.click('#play');
  // the matrix: 3 x 3 counts whose sum is the test set, most of them on the diagonal
  const cells = await page.$$eval('.confusion-test tr', (rows) => rows.slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.textContent))));
  assert.equal(cells.length, 3);
  const total = cells.flat().reduce((a, b) => a + b, 0);
  const right = cells.reduce((a, row, i) => a + row[i], 0);
  assert.equal(total, 60);
  assert.ok(right / total >= 0.85, `diagonal ${right} of ${total}`);
  // another pair of inputs on the plot
  await page.selectOption('#pair-y', '2');
  await page.waitForFunction(() => document.querySelector('#pair-y').value === '2');
  await page.screenshot({ path: `${ARTIFACTS}/tables-confusion.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await close();
});
