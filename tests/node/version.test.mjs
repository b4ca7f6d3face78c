// One version: CMake's project(VERSION) reaches the CLI (mc --version) and the engine info of the
// WebAssembly module (engine.version) through a configured header; package.json states the same.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load, repoRoot } from './load_engine.mjs';

const cli = process.env.MC_CLI ?? fileURLToPath(new URL('build/native-release/mc', repoRoot));
const cmake = readFileSync(new URL('CMakeLists.txt', repoRoot), 'utf8');
const projectVersion = /project\(\S+ VERSION (\d+\.\d+\.\d+)/.exec(cmake)?.[1];

test('mc --version and engine.version are the CMake project version', async () => {
  assert.ok(projectVersion, 'CMakeLists.txt states project(... VERSION x.y.z ...)');
  const r = spawnSync(cli, ['--version'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `mc ${projectVersion}\n`);
  const engine = await load();
  assert.equal(engine.version, projectVersion);
  const pkg = JSON.parse(readFileSync(new URL('package.json', repoRoot), 'utf8'));
  assert.equal(pkg.version, projectVersion, 'package.json and CMakeLists.txt state the same version');
});
