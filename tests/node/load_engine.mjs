// Loads the built wasm modules (web/engine/mc_engine.* and mc_calculator.*, made by
// scripts/build-wasm.sh) for node tests. Node 20's fetch() cannot read a file path, so the .wasm bytes
// are handed to the factory.
import { readFile } from 'node:fs/promises';
import { loadEngine } from '../../web/engine/client.js';
import { loadCalculator } from '../../web/engine/calculator_client.js';

export const repoRoot = new URL('../../', import.meta.url);

export async function load() {
  const wasmBinary = await readFile(new URL('web/engine/mc_engine.wasm', repoRoot));
  return loadEngine({ wasmBinary });
}

/** The calculator's module (the calculator with its closed forms). */
export async function loadCalc() {
  const wasmBinary = await readFile(new URL('web/engine/mc_calculator.wasm', repoRoot));
  return loadCalculator({ wasmBinary });
}

// A small classification config used by several tests (2-3-1 tanh/sigmoid on xor).
export const smallConfig = {
  layers: [2, 3, 1], activation: 'tanh', output: 'sigmoid', loss: 'bce', batch: 4,
  optimizer: { name: 'sgd', lr: 0.1 }, dataset: { name: 'xor', n: 40, seed: 3 }, seed: 7,
};
