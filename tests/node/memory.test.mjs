// Memory: after a warm-up, long training runs and many sessions grow neither the wasm linear memory
// nor the bytes malloc holds (a stricter measure: a leak shows there long before memory must grow).
import test from 'node:test';
import assert from 'node:assert/strict';
import { load, smallConfig } from './load_engine.mjs';

const engine = await load();

function usage() {
  return { memory: engine.memoryBytes(), heap: engine.heapBytesInUse() };
}

test('100,000 training steps (single-step calls and batched calls) grow memory by zero bytes', () => {
  const s = engine.createSession({ ...smallConfig, layers: [2, 8, 8, 1] });
  const work = () => {
    for (let k = 0; k < 500; ++k) s.step('batch', 1);
    s.step('batch', 500);
    s.step('sample', 10);
    s.metrics();
    s.weights();
    s.predictGrid(50);
    s.neuronGrids(20);
  };
  work(); // warm-up: buffers reach their steady sizes
  const before = usage();
  for (let round = 0; round < 100; ++round) work(); // 100 x 1,010 = 101,000 steps
  assert.deepEqual(usage(), before);
  assert.ok(s.metrics().step >= 100_000);
  s.delete();
});

test('1,000 traced steps grow memory by zero bytes and leave nothing behind', () => {
  // A small network: each traced step also runs a finite-difference check of every parameter. The
  // trainer's live buffers vary by a few bytes with the data of the step, so the heap is compared
  // once the session is deleted: whatever a traced step leaked would still be there.
  const run = (steps) => {
    const s = engine.createSession(smallConfig);
    for (let k = 0; k < steps; ++k) s.stepTraced(k % 2 ? 'batch' : 'sample');
    s.delete();
  };
  run(10); // warm-up
  const before = usage();
  run(1000);
  assert.deepEqual(usage(), before);
});

test('creating and deleting 1,000 sessions grows memory by zero bytes', () => {
  const cycle = () => {
    const s = engine.createSession(smallConfig);
    s.step('batch', 2);
    s.delete();
  };
  for (let k = 0; k < 10; ++k) cycle();
  const before = usage();
  for (let k = 0; k < 1000; ++k) cycle();
  assert.deepEqual(usage(), before);
});

test('1,000 failing calls grow memory by zero bytes', () => {
  const s = engine.createSession(smallConfig);
  const fail = () => {
    assert.throws(() => engine.createSession({ batch: -1 }));
    assert.throws(() => s.importModel('{"format":'));
    assert.throws(() => s.step('fortnight', 1));
    assert.throws(() => s.applySettings({ layers: [2, 4, 1] }));
    assert.throws(() => s.applySettings({ optimizer: { lr: 11 } }));
  };
  for (let k = 0; k < 10; ++k) fail();
  const before = usage();
  for (let k = 0; k < 1000; ++k) fail();
  assert.deepEqual(usage(), before);
  s.delete();
});
