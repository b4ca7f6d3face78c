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
  const work = (s) => {
    for (let k = 0; k < 500; ++k) s.step('batch', 1);
    s.step('batch', 500);
    s.step('sample', 10);
    s.metrics();
    s.weights();
    s.predictGrid(50);
    s.neuronGrids(20);
  };
  const config = { ...smallConfig, layers: [2, 8, 8, 1] };
  const warm = engine.createSession(config); // first use of lazily built tables, outside the measurement
  work(warm);
  warm.delete();
  const empty = usage();
  const s = engine.createSession(config);
  work(s); // warm-up: buffers reach their steady sizes
  const before = usage();
  for (let round = 0; round < 100; ++round) work(s); // 100 x 1,010 = 101,000 steps
  // The linear memory does not grow at all. The bytes malloc holds for the live buffers vary by a few
  // bytes with where they land (aligned blocks), so while the session lives they are held to a bound a
  // leak of one byte per step (101,000 bytes) would break; once it is deleted, to the byte.
  const after = usage();
  assert.equal(after.memory, before.memory);
  assert.ok(Math.abs(after.heap - before.heap) <= 64, `heap ${before.heap} -> ${after.heap}`);
  assert.ok(s.metrics().step >= 100_000);
  s.delete();
  assert.deepEqual(usage(), empty);
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
