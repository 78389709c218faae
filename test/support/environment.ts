// Jest's node environment, plus PGlite's engine (its WebAssembly compiled, its file bundle read)
// kept for the whole jest worker: jest loads this module once per worker but gives each test file
// a fresh module registry, so PGlite would otherwise compile its 9 MB of WebAssembly again in every
// file. Test files reach it through pgliteEngine() (test/support/pglite-engine.ts).
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import NodeEnvironment from 'jest-environment-node';
import type { PgliteEngine } from '../../src/platform/db';
import { PGLITE_ENGINE, PGLITE_TEMPLATES, type TemplateEntry } from './pglite-engine';

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

/**
 * The template dumps' files (a tar written by PGlite's dumpDataDir), parsed once per worker: each
 * test file's database is then built from them directly (test/support/db.ts) instead of PGlite
 * untarring 21 MB into its in-memory file system again, with a path lookup per parent folder of
 * each of its ~950 files.
 */
const templates = new Map<string, TemplateEntry[]>();

function readTemplate(file: string): TemplateEntry[] {
  let entries = templates.get(file);
  if (entries) return entries;
  const buf = fs.readFileSync(file);
  const text = (at: number, n: number) => {
    const s = buf.toString('latin1', at, at + n);
    const end = s.indexOf('\0');
    return end < 0 ? s : s.slice(0, end);
  };
  const octal = (at: number, n: number) => parseInt(text(at, n).trim() || '0', 8);
  entries = [];
  for (let at = 0; at + 512 <= buf.length;) {
    const name = text(at, 100);
    if (!name) break;
    const size = octal(at + 124, 12);
    const type = text(at + 156, 1) || '0';
    const prefix = text(at + 345, 155);
    const p = (prefix ? `${prefix}/${name}` : name).replace(/^\/+|\/+$/g, '');
    if (type !== '0' && type !== '5') throw new Error(`template ${file}: entry ${p} of tar type ${type}`);
    at += 512;
    entries.push({
      path: p,
      dir: type === '5',
      mode: octal(at - 512 + 100, 8) & 0o7777,
      data: type === '0' ? buf.subarray(at, at + size) : null,
    });
    at += Math.ceil(size / 512) * 512;
  }
  templates.set(file, entries);
  return entries;
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
    this.global[PGLITE_TEMPLATES] = readTemplate;
  }
}
