// Hostile but fair input at the JavaScript boundary: each case once went wrong (a wrapped index, NaN as
// an answer, a crash that broke the module); now each gets an Error naming the argument or the problem,
// and the engine keeps working.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load, loadCalc, smallConfig } from './load_engine.mjs';

const engine = await load();
const calculator = await loadCalc();

function throwsExactly(fn, message) {
  assert.throws(fn, (e) => e instanceof Error && e.message === message, `expected: ${message}`);
}

// The calculator, a fresh session and a training step still answer after whatever happened before.
function stillWorks() {
  const answer = calculator.calculate({ source: 'x: scalar = 3\nx^2', wrt: 'x' });
  assert.equal(answer.output.value.data[0][0], 9); // 3^2
  assert.equal(answer.derivative.jacobian.data[0][0], 6); // d x^2 / dx = 2x
  const s = engine.createSession(smallConfig);
  assert.equal(s.step('batch', 1).status, 'ok');
  s.delete();
}

test('indices and counts are checked in JavaScript-number form, naming the argument', () => {
  const s = engine.createSession(smallConfig);
  const w = s.weights().layers[0].weights.slice();
  // 2**32 + 1 once arrived in C++ as 1 and set W1[1][0]
  throwsExactly(() => s.setWeight(0, 2 ** 32 + 1, 0, 5), 'setWeight: i 4294967297 is out of range; allowed: -2147483648 .. 2147483647 at most');
  throwsExactly(() => s.setWeight(0, 0.5, 0, 5), 'setWeight: i 0.5 is not an integer; give a whole number');
  throwsExactly(() => s.setWeight('0', 0, 0, 5), 'setWeight: layer "0" is not an integer; give a whole number');
  throwsExactly(() => s.setBias(0, NaN, 1), 'setBias: i NaN is not an integer; give a whole number');
  assert.deepEqual(s.weights().layers[0].weights, w, 'no weight changed');
  throwsExactly(() => s.step('batch', 1.5), 'step: count 1.5 is not an integer; give a whole number');
  throwsExactly(() => s.step('batch', 3e9), 'step: count 3000000000 is out of range; allowed: -2147483648 .. 2147483647 at most');
  throwsExactly(() => s.step('batch', NaN), 'step: count NaN is not an integer; give a whole number');
  throwsExactly(() => s.step(3, 1), 'step: granularity 3 is not a string');
  throwsExactly(() => s.stepTraced({}), 'stepTraced: granularity an object is not a string');
  throwsExactly(() => s.predictGrid(2.5), 'predictGrid: resolution 2.5 is not an integer; give a whole number');
  throwsExactly(() => s.setPoints(42), 'setPoints: csvOrJson 42 is not a string');
  throwsExactly(() => s.addPoint(1, 2, 1, 'yes'), 'addPoint: test "yes" is not true or false');
  assert.equal(s.metrics().step, 0, 'none of the refused steps ran');
  s.delete();
  stillWorks();
});

test('predict refuses NaN and non-numbers instead of answering NaN', () => {
  const s = engine.createSession(smallConfig);
  throwsExactly(() => s.predict([NaN], [0]), 'predict: point 0 (NaN, 0) is not finite; give finite numbers for xs and ys');
  throwsExactly(() => s.predict(['a'], [1]), 'predict: xs[0] "a" is not a number');
  throwsExactly(() => s.predict([0, 1], [2, Infinity]), 'predict: point 1 (1, Infinity) is not finite; give finite numbers for xs and ys');
  assert.equal(s.predict([0.5], [-0.5]).length, 1);
  s.delete();
});

test('deeply nested JSON is refused before parsing, everywhere JSON enters, and the module stays usable', () => {
  const deep = '['.repeat(100000) + ']'.repeat(100000);
  const deepObject = '{"a":'.repeat(100000) + '1' + '}'.repeat(100000);
  const s = engine.createSession(smallConfig);
  calculator.calculate({ source: 'x: scalar = 1\nx' }); // the calculator's first call sets up what it keeps
  const before = engine.heapBytesInUse();
  const calculatorBefore = calculator.heapBytesInUse(); // the calculator is a module of its own: its own heap
  for (let k = 0; k < 50; ++k) { // once: ~40 such calls broke every later call ("memory access out of bounds")
    assert.throws(() => engine.createSession(deep), /^Error: config: JSON nested more than 64 levels deep/);
    assert.throws(() => s.importModel(deepObject), /^Error: model: JSON nested more than 64 levels deep/);
    assert.throws(() => s.setPoints(deep), /^Error: points: the JSON is nested more than 16 levels deep/);
    assert.throws(() => engine.createSession(`{"dataset":{"name":"custom","points":${deep}}}`), /nested more than 64 levels/);
    assert.throws(() => calculator.calculate(`{"source":${deep}}`), /^Error: request: JSON nested more than 64 levels deep/);
    assert.throws(() => calculator.calculate(`{"source":"x: scalar = 1\\nx","closedForm":${deepObject}}`), /^Error: request: JSON nested more than 64 levels deep/);
  }
  assert.equal(engine.heapBytesInUse(), before, 'refused input leaks nothing');
  assert.equal(calculator.heapBytesInUse(), calculatorBefore, 'refused input leaks nothing in the calculator either');
  s.delete();
  stillWorks();
});

test('echoed input is cut: a 1 MB key or field name does not come back in full', () => {
  const key = 'k'.repeat(1_000_000);
  for (const fn of [
    () => engine.createSession({ [key]: 1 }),
    () => engine.createSession({ optimizer: { [key]: 1 } }),
    () => engine.createSession({ activation: key }),
    () => calculator.calculate({ source: 'x: scalar = 1\nx', [key]: 1 }),
    () => engine.createSession({ dataset: { name: 'custom', points: `${key},1,0\n` } }),
  ]) {
    assert.throws(fn, (e) => e instanceof Error && e.message.length < 400 && /\.\.\./.test(e.message), 'cut with "..."');
  }
  stillWorks();
});

test('model import refuses labels the network cannot hold, and 64-bit counters survive', () => {
  const s = engine.createSession({ dataset: { name: 'spiral3', n: 30 }, batch: 4 });
  const model = JSON.parse(s.exportModel());
  for (const label of [7, -1, 1e9, 0.5]) {
    const bad = structuredClone(model);
    bad.data.train[0][2] = label;
    assert.throws(() => s.importModel(bad), (e) => e.message.startsWith(`model: "data.train[0]": label ${label === 1e9 ? '1e+09' : label} on a 3-class data set; allowed: an integer from 0 to 2`), String(label));
  }
  const binary = engine.createSession(smallConfig);
  const bm = JSON.parse(binary.exportModel());
  for (const label of [0.5, 3]) {
    bm.data.test[0][2] = label;
    assert.throws(() => binary.importModel(bm), new RegExp(`^Error: model: "data.test\\[0\\]": label ${label} on a two-class data set; allowed: 0 or 1$`));
  }
  // wasm's long has 32 bits: 2147483647 + 2 steps once read -2147483647
  const m = JSON.parse(binary.exportModel());
  m.step = 2147483647;
  m.epoch = 4294967296;
  binary.importModel(m);
  binary.step('batch', 2);
  assert.equal(binary.metrics().step, 2147483649);
  assert.equal(binary.metrics().epoch >= 4294967296, true);
  assert.equal(JSON.parse(binary.exportModel()).step, 2147483649);
  m.step = 2 ** 53 + 2;
  assert.throws(() => binary.importModel(m),
                /^Error: model: "step" is 9007199254740994; expected an integer from 0 to 2\^53/);
  s.delete();
  binary.delete();
  stillWorks();
});

test('one call cannot ask for unbounded work: the message says how to ask for less', () => {
  // 2-488-488-488-1: 479,217 parameters (488*3 + 2*488*489 + 489); 500 training points.
  const big = engine.createSession({ layers: [2, 488, 488, 488, 1], batch: 4096, dataset: { name: 'circle', n: 1000 } });
  throwsExactly(() => big.step('batch', 1_000_000), 'step: 1000000 "batch" steps of 500 samples with 4.79e+05 parameters is about 7.19e+14 multiply-adds; allowed per call: 1.5e+09; ask for at most 2 steps per call (and call again)');
  assert.throws(() => big.predictGrid(512), /^Error: predictGrid: a 512 x 512 grid through 4\.79e\+05 parameters is about 1\.26e\+11 multiply-adds; allowed per call: 5e\+08; use a resolution of at most 32$/);
  assert.throws(() => big.stepTraced('batch'), /^Error: stepTraced: a traced "batch" step of 500 samples through 1\.47e\+03 units and 4\.79e\+05 parameters records about 1\.21e\+06 values; allowed: 2\.5e\+05; trace a "sample" step/);
  assert.equal(big.predictGrid(32).values.length, 32 * 32);
  assert.equal(big.metrics().step, 0);
  big.delete();
  assert.throws(() => engine.createSession({ layers: [2, 488, 488, 488, 1], dataset: { name: 'circle', n: 100000 } }),
                /^Error: config: a pass over 1e\+05 points with 4\.79e\+05 parameters is about 4\.79e\+10 multiply-adds; allowed per call: 5e\+08; use fewer points or a smaller network$/);
  stillWorks();
});
