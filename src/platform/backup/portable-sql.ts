import fs from 'node:fs';
import readline from 'node:readline';
import { once } from 'node:events';
import type { Db, Rows } from '../db';
import { listTables } from './manifest';

// The rows of every table as plain SQL that any PostgreSQL 15+ loads: the way from the embedded
// database to a PostgreSQL server. Rows only: the schema comes from the migrations, so the target
// must be migrated to exactly the migrations of the backup (npm run restore does it).
//
// Each row travels as JSON made by the database itself (to_jsonb, read back as text and never
// parsed in JavaScript), so numerics, bigints, dates, timestamps with microseconds, arrays and
// jsonb columns arrive exactly; jsonb_populate_recordset turns it back into typed rows.
// One statement per line (JSON text has no raw line breaks), so `psql -1 -f data.sql` works too.

/** Migration bookkeeping: the target has its own, written by the migrations it ran. */
const BOOKKEEPING = new Set(['knex_migrations', 'knex_migrations_lock']);
const BATCH = 500;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Tables ordered so that each comes after those its foreign keys point to. */
async function dependencyOrder(db: Db, tables: string[]): Promise<{ order: string[]; selfReferencing: Set<string> }> {
  const { rows } = await db.raw<Rows<{ child: string; parent: string }>>(`
    SELECT c.relname AS child, p.relname AS parent
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_class p ON p.oid = k.confrelid
     WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`);
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  const selfReferencing = new Set<string>();
  for (const { child, parent } of rows) {
    if (child === parent) selfReferencing.add(child);
    else if (parents.has(child) && parents.has(parent)) parents.get(child)!.add(parent);
  }
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (!ready.length)
      throw new Error(
        `Foreign keys form a cycle between ${tables.filter((t) => !placed.has(t)).join(', ')}: the portable export cannot order them.`,
      );
    for (const t of ready) {
      order.push(t);
      placed.add(t);
    }
  }
  return { order, selfReferencing };
}

export async function exportPortableSql(db: Db, file: string, migrations: string[]): Promise<void> {
  const tables = (await listTables(db)).filter((t) => !BOOKKEEPING.has(t));
  const { order, selfReferencing } = await dependencyOrder(db, tables);
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  try {
    await write('-- Jalons data, rows only. Load into an empty database migrated to exactly these migrations:');
    await write(`-- ${migrations.join(', ')}`);
    await write('SET standard_conforming_strings = on;');
    // Replaces whatever the migrations inserted themselves (the default phase template).
    await write(`TRUNCATE ${order.map(ident).join(', ')};`);
    for (const table of order) {
      // A table pointing at itself goes in one statement: its foreign keys are checked at the end of it.
      const size = selfReferencing.has(table) ? null : BATCH;
      for (let offset = 0; ; offset += BATCH) {
        const { rows } = await db.raw<Rows<{ batch: string | null }>>(
          `SELECT jsonb_agg(to_jsonb(s))::text AS batch FROM (SELECT * FROM ${ident(table)} ORDER BY ctid ${size ? `LIMIT ${size} OFFSET ${offset}` : ''}) s`,
        );
        const batch = rows[0].batch;
        if (batch)
          await write(
            `INSERT INTO ${ident(table)} SELECT * FROM jsonb_populate_recordset(NULL::${ident(table)}, ${literal(batch)}::jsonb);`,
          );
        if (!batch || !size) break;
      }
    }
    const { rows: seqs } = await db.raw<Rows<{ sequencename: string; last_value: string | null }>>(
      `SELECT sequencename, last_value::text AS last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
    );
    for (const s of seqs) {
      const name = literal(`public.${ident(s.sequencename)}`);
      await write(
        s.last_value === null ? `SELECT setval(${name}, 1, false);` : `SELECT setval(${name}, ${s.last_value}, true);`,
      );
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
}

/** Runs data.sql statement by statement in one transaction: all rows or none. */
export async function loadPortableSql(db: Db, file: string): Promise<void> {
  await db.transaction(async (trx) => {
    const lines = readline.createInterface({
      input: fs.createReadStream(file, { encoding: 'utf8' }),
      crlfDelay: Infinity,
    });
    for await (const line of lines) {
      if (line.trim() === '' || line.startsWith('--')) continue;
      await trx.raw(line);
    }
  });
}
