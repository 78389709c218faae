import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Database, openPglite, openPostgres } from '../../src/platform/db';
import { pgliteEngine, templateEntries, type TemplateEntry } from './pglite-engine';
import { DEMO_TEMPLATE_DB, TEMPLATE_DB, withDatabase } from './pg-url';

export const onRealPostgres = Boolean(process.env.DATABASE_URL);

export type TestDatabaseOptions = {
  /**
   * Start from the demo data set (seeds/demo.ts), seeded once per run by the global setup: the
   * same rows as `seed()` on a fresh database, in a copy of this file's own. Its document files are
   * in JALONS_DEMO_FILES (createDemoApp copies them into the app's storage).
   */
  demo?: boolean;
};

/** A fresh, migrated database for one test file, cloned from the template (or the demo template). */
export async function createTestDatabase(opts: TestDatabaseOptions = {}): Promise<Database> {
  if (process.env.DATABASE_URL) {
    const name = `jalons_test_${randomBytes(6).toString('hex')}`;
    const admin = openPostgres(process.env.DATABASE_URL);
    await admin.db.raw(`CREATE DATABASE ${name} TEMPLATE ${opts.demo ? DEMO_TEMPLATE_DB : TEMPLATE_DB}`);
    const database = openPostgres(withDatabase(process.env.DATABASE_URL, name));
    return {
      ...database,
      close: async () => {
        await database.close();
        await admin.db.raw(`DROP DATABASE IF EXISTS ${name}`);
        await admin.close();
      },
    };
  }
  const file = opts.demo ? process.env.JALONS_PGLITE_DEMO_TEMPLATE : process.env.JALONS_PGLITE_TEMPLATE;
  if (!file) throw new Error('JALONS_PGLITE_TEMPLATE is not set: run the tests through jest (globalSetup).');
  const entries = templateEntries(file);
  if (!entries) return openPglite('memory://', new Blob([fs.readFileSync(file)]), pgliteEngine());
  return openPglite('memory://', undefined, { ...pgliteEngine(), fs: await templateFs(entries) });
}

/**
 * PGlite's in-memory file system, its data folder filled with the template's files before
 * PostgreSQL starts (what PGlite's loadDataDir does, without a path lookup per file and per parent
 * folder): each file's bytes copied, folders before their files as the dump lists them.
 */
async function templateFs(entries: TemplateEntry[]) {
  const { MemoryFS, PGlite } = await import('@electric-sql/pglite');
  type Node = object;
  type Emscripten = {
    FS: { mkdirTree(p: string): void; lookupPath(p: string): { node: Node } };
    MEMFS: {
      createNode(
        parent: Node,
        name: string,
        mode: number,
        dev: number,
      ): Node & { contents?: Uint8Array; usedBytes?: number };
    };
  };
  return new (class extends MemoryFS {
    override async initialSyncFs() {
      const { FS, MEMFS } = (this.pg as unknown as { Module: Emscripten }).Module;
      const root = PGlite.paths.PGDATA;
      FS.mkdirTree(root);
      const nodes = new Map<string, Node>([['', FS.lookupPath(root).node]]);
      for (const e of entries) {
        const cut = e.path.lastIndexOf('/');
        const parent = nodes.get(cut < 0 ? '' : e.path.slice(0, cut));
        if (!parent) throw new Error(`template: ${e.path} listed before its folder`);
        const name = e.path.slice(cut + 1);
        if (e.dir) {
          nodes.set(e.path, MEMFS.createNode(parent, name, 0o040000 | e.mode, 0));
          continue;
        }
        const node = MEMFS.createNode(parent, name, 0o100000 | e.mode, 0);
        node.contents = new Uint8Array(e.data!);
        node.usedBytes = e.data!.length;
      }
    }
  })();
}
