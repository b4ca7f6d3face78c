// Every error path reaches JavaScript as an Error carrying the C++ message, and the engine (and the
// same session) keeps working afterwards.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load, loadCalc, smallConfig } from './load_engine.mjs';

const engine = await load();
const calculator = await loadCalc();

// Asserts fn throws an Error whose message matches re, then that a valid call still works.
function throwsThenWorks(fn, re, session) {
  assert.throws(fn, (e) => e instanceof Error && re.test(e.message), `expected an Error matching ${re}`);
  const s = session ?? engine.createSession(smallConfig);
  assert.equal(s.step('batch', 1).status, 'ok');
  if (!session) s.delete();
}

test('bad config fields give the C++ message naming the field', () => {
  throwsThenWorks(() => engine.createSession({ batch: -1 }), /batch/);
  throwsThenWorks(() => engine.createSession({ activation: 'bogus' }), /bogus/);
  throwsThenWorks(() => engine.createSession({ layers: 'many' }), /layers/);
  throwsThenWorks(() => engine.createSession({ optimizer: { name: 'adam', lr: -1 } }), /lr/);
  throwsThenWorks(() => engine.createSession({ dataset: { name: 'nowhere' } }), /nowhere/);
  throwsThenWorks(() => engine.createSession({ nonsense: 1 }), /nonsense/);
  throwsThenWorks(() => engine.createSession('{"layers": [2, 3'), /^config: not valid JSON: /);
});

test('applySettings: live fields change the running network, anything else is refused', () => {
  const s = engine.createSession(smallConfig);
  s.step('batch', 3);
  const weights = s.weights();
  assert.equal(s.applySettings({ optimizer: { lr: 0.05 } }).optimizer.lr, 0.05);
  assert.deepEqual(s.weights(), weights, 'weights unchanged by the new rate');
  assert.equal(s.metrics().step, 3);
  throwsThenWorks(() => s.applySettings({ layers: [2, 4, 1] }), /"layers" cannot change on a running network/, s);
  throwsThenWorks(() => s.applySettings({ optimizer: { lr: 11 } }), /"optimizer.lr" is 11/, s);
  assert.equal(s.config().optimizer.lr, 0.05, 'a refused value changes nothing');
  s.delete();
});

test('shape and index errors name the position', () => {
  const s = engine.createSession(smallConfig);
  throwsThenWorks(() => s.setWeight(0, 3, 0, 1), /\(3, 0\) is outside W1/, s);
  throwsThenWorks(() => s.setWeight(7, 0, 0, 1), /layer 7 does not exist/, s);
  throwsThenWorks(() => s.setBias(0, 9, 1), /entry 9 is outside b1/, s);
  throwsThenWorks(() => s.predict([1, 2], [1]), /xs has 2 values but ys has 1/, s);
  throwsThenWorks(() => s.predictGrid(0), /resolution 0/, s);
  throwsThenWorks(() => s.step('fortnight', 1), /fortnight/, s);
  throwsThenWorks(() => s.step('batch', 0), /count 0/, s);
  throwsThenWorks(() => s.setPoints('1,2\n'), /^points: line 1: 2 values/, s);
  s.delete();
});

test('importModel of malformed JSON throws and leaves the session as it was', () => {
  const s = engine.createSession(smallConfig);
  s.step('batch', 3);
  const before = s.predictGrid(5).values;
  const bad = ['{"format":', { format: 'mc-model', version: 1 }, '[1, 2, 3]'];
  for (const model of bad) {
    assert.throws(() => s.importModel(model), Error);
    assert.deepEqual(s.predictGrid(5).values, before); // unchanged by the failed import
  }
  for (const model of bad) throwsThenWorks(() => s.importModel(model), /^model: /, s);
  // A good model still imports after them: the copy predicts as s does.
  const copy = engine.createSession({});
  copy.importModel(s.exportModel());
  assert.deepEqual(copy.predictGrid(5).values, s.predictGrid(5).values);
  copy.delete();
  s.delete();
});

test('a diverged run is a status with a message, weights stay finite, and reset recovers', () => {
  const s = engine.createSession({
    layers: [2, 8, 1], activation: 'relu', output: 'linear', loss: 'mse', batch: 10,
    optimizer: { name: 'sgd', lr: 10 }, dataset: { name: 'reg-plane', n: 100, seed: 1 },
  });
  s.setWeight(1, 0, 0, 1e300); // with lr 10 the first update overflows to inf
  const r = s.step('batch', 50);
  assert.equal(r.status, 'diverged');
  assert.match(r.message, /diverged/);
  assert.ok(r.stepsDone < 50);
  assert.ok(s.predictGrid(8).values.every(Number.isFinite));
  s.reset();
  assert.equal(s.metrics().step, 0);
  s.delete();
});

test('calls on a deleted session throw instead of touching freed memory', () => {
  const s = engine.createSession(smallConfig);
  s.delete();
  assert.throws(() => s.step('batch', 1), /deleted/);
  s.delete(); // deleting twice is harmless
});

test('stepTraced rejects an epoch (one sample or one batch only); calculate rejects a bad request', () => {
  const s = engine.createSession(smallConfig);
  throwsThenWorks(() => s.stepTraced('epoch'), /epoch/, s);
  throwsThenWorks(() => calculator.calculate({ source: 'x +* 2' }), /expected an expression at 4/);
  // the calculator is a module of its own: it, not only the session, answers after its error
  assert.equal(calculator.calculate({ source: 'x: scalar = 3\nx^2', wrt: 'x' }).derivative.value.data[0][0], 6); // 2x at 3
  s.delete();
});
