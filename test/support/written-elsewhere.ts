import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Every .ts file under a folder, recursively. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? tsFiles(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : [],
  );
}

/**
 * Where a rule is written outside its one place: each match of the patterns (global regular
 * expressions) in the .ts files of the folders (the app's code, src/, unless told), except in the
 * owner file (its path under the folder, e.g. 'intake/lifecycle.ts'), as "file: the match's first
 * 80 characters". The test of each transition table expects none.
 */
export function writtenOutside(owner: string, patterns: RegExp | RegExp[], folders = ['src']): string[] {
  const own = owner.split('/').join(sep);
  return folders
    .flatMap((folder) => tsFiles(join(ROOT, folder)))
    .filter((f) => !f.endsWith(own))
    .flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return [patterns].flat().flatMap((re) => (text.match(re) ?? []).map((m) => `${f}: ${m.slice(0, 80)}`));
    });
}
