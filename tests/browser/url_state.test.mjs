// The URL state module on its own (no browser needed): every row round-trips through the hash, bad
// values fall back to the row's default with a readable problem, lists come back in canonical order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHash, formatHash, defaults, validate } from '../../web/src/state/url_state.js';
import { SCHEMA, adoptEngineSchema } from '../../web/src/state/schema.js';
import { load } from '../node/load_engine.mjs';

// The engine rows take their values, ranges and defaults from the engine, as the page does at boot.
const engine = await load();
adoptEngineSchema(engine.configSchema);

test('defaults round-trip through the hash', () => {
  const { state, problems } = parseHash(formatHash(defaults()));
  assert.deepEqual(problems, []);
  assert.deepEqual(state, defaults());
});

test('every row has a default that passes its own validation', () => {
  for (const row of SCHEMA) assert.deepEqual(validate(row.name, row.default), row.default, row.name);
});

test('a changed state round-trips, lists and numbers included', () => {
  const s = { ...defaults(), dataset: 'spiral3', hidden: [8, 1, 3], features: ['xy', 'x'], lr: 0.3, showTest: true, expr: 'x: vec(2) = [1, 2]; sum(x*x)', hide: ['lr', 'optimizer'] };
  const { state, problems } = parseHash(formatHash(s));
  assert.deepEqual(problems, []);
  assert.deepEqual(state, { ...s, features: ['x', 'xy'], hide: ['optimizer', 'lr'] }); // canonical (schema) order
});

test('bad values fall back to the default and say why', () => {
  const { state, problems } = parseHash('#dataset=moons&hidden=4,9&lr=11&batch=abc&noise=0.3&bogus=1');
  assert.equal(state.dataset, 'circle');
  assert.deepEqual(state.hidden, [4, 2]);
  assert.equal(state.lr, 0.03);
  assert.equal(state.batch, 10);
  assert.equal(state.noise, 0.3, 'good values next to bad ones are kept');
  assert.equal(problems.length, 5);
  assert.match(problems.join('\n'), /dataset=moons: allowed: circle, xor/);
  assert.match(problems.join('\n'), /hidden=4,9: entries are integers 1 \.\. 8/);
  assert.match(problems.join('\n'), /unknown setting 'bogus'/);
  assert.match(problems.join('\n'), /lr=11: allowed: above 0 \.\. 10/);
});

test('engine rows take the engine range: a learning rate the engine accepts is accepted', () => {
  const lr = engine.configSchema.fields.find((f) => f.path === 'optimizer.lr');
  assert.deepEqual([lr.min, lr.max, lr.minOpen, lr.default], [0, 10, true, 0.03]);
  assert.equal(parseHash('#lr=0.05').state.lr, 0.05); // not in the control's pick list, in the engine's range
  assert.equal(parseHash('#lr=10').state.lr, 10);
  assert.equal(parseHash('#lr=0').problems.length, 1);
  // and the engine agrees on both sides of the bound
  const config = (value) => ({ optimizer: { lr: value } });
  engine.createSession(config(0.05)).delete();
  engine.createSession(config(10)).delete();
  assert.throws(() => engine.createSession(config(0)), /"optimizer.lr" is 0/);
  assert.deepEqual(SCHEMA.filter((r) => r.live).map((r) => r.name), ['optimizer', 'lr', 'reg', 'regRate']);
});

test('hidden layers: 0 to 6 layers', () => {
  assert.deepEqual(parseHash('#hidden=').state.hidden, []);
  assert.equal(parseHash('#hidden=1,1,1,1,1,1,1').problems.length, 1);
  assert.throws(() => validate('hidden', [0]), /entries are integers 1 \.\. 8/);
});

test('hide: known names are kept, unknown ones reported; tabs and the tab bar can be named', () => {
  const { state, problems } = parseHash('#hide=lr,tabs,calculator,bogus');
  assert.deepEqual(state.hide, ['lr', 'tabs', 'calculator']);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /hide=lr,tabs,calculator,bogus: 'bogus' not in /);
});
