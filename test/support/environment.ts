// Jest's node environment, plus PGlite's engine (its WebAssembly compiled, its file bundle read)
// kept for the whole jest worker: jest loads this module once per worker but gives each test file
// a fresh module registry, so PGlite would otherwise compile its 9 MB of WebAssembly again in every
// file. Test files reach it through pgliteEngine() (test/support/pglite-engine.ts).
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import NodeEnvironment from 'jest-environment-node';
import type { PgliteEngine } from '../../src/platform/db';
import { PGLITE_ENGINE } from './pglite-engine';

let engine: Promise<PgliteEngine> | undefined;

function loadEngine(): Promise<PgliteEngine> {
  const dist = path.dirname(require.resolve('@electric-sql/pglite'));
  return (engine ??= WebAssembly.compile(fs.readFileSync(path.join(dist, 'pglite.wasm'))).then((pgliteWasmModule) => ({
    pgliteWasmModule,
    fsBundle: new Blob([fs.readFileSync(path.join(dist, 'pglite.data'))]),
    // 16 MB of shared buffers instead of 128: a test database holds a few MB, and starting
    // PostgreSQL zeroes its shared memory (0.15 s of CPU less per file).
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
  })));
}

export default class JalonsEnvironment extends NodeEnvironment {
  override async setup() {
    await super.setup();
    if (process.env.DATABASE_URL) return;
    const loaded = await loadEngine();
    // PGlite's Emscripten glue tells a compiled module from bytes by `instanceof WebAssembly.Module`,
    // which the worker's module fails in this file's context (each has its own WebAssembly): it is
    // given this context's prototype (V8 itself checks the object's internal type, not its prototype).
    const { Module } = this.global.WebAssembly;
    Object.setPrototypeOf(loaded.pgliteWasmModule!, Module.prototype);
    this.global[PGLITE_ENGINE] = loaded;
  }
}
