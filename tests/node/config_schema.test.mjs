// client.d.ts agrees with the config schema the engine publishes: every field is declared in the
// Config interface and every allowed name of an enum field appears in its declared type.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { load, repoRoot } from './load_engine.mjs';

const engine = await load();
const dts = await readFile(new URL('web/engine/client.d.ts', repoRoot), 'utf8');

// The text of a declaration `name? = ...;` / `type Name = ...;` in client.d.ts, up to its ';'.
function declared(text, start) {
  const at = text.indexOf(start);
  assert.ok(at >= 0, `client.d.ts declares ${start}`);
  return text.slice(at, text.indexOf(';', at));
}

test('every published config field is declared in client.d.ts, enum names included', () => {
  const config = dts.slice(dts.indexOf('export interface Config {'), dts.indexOf('\n}\n', dts.indexOf('export interface Config {')));
  const types = { activation: 'export type Activation =', output: 'export type OutputActivation =', loss: 'export type LossName =',
    features: 'export type Feature =', 'dataset.name': 'export type DatasetName =' };
  for (const field of engine.configSchema.fields) {
    const key = field.path.split('.').at(-1);
    assert.match(config, new RegExp(`\\b${key}\\?:`), `Config declares ${field.path}`);
    if (!field.values) continue;
    // a named type (resolving `Activation | 'softmax'`), or the field's own line
    let text = types[field.path] ? declared(dts, types[field.path]) : declared(config, `${key}?:`);
    if (/\bActivation\b/.test(text)) text += declared(dts, 'export type Activation =');
    for (const v of field.values) assert.ok(text.includes(`'${v}'`), `client.d.ts allows '${v}' for ${field.path}`);
  }
});
