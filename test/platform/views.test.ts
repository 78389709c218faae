import fs from 'node:fs';
import path from 'node:path';
import { VIEWS_DIR } from '../../src/platform/views';

/** Every .ejs file under views/, relative to it. */
function views(dir = VIEWS_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? views(full) : e.name.endsWith('.ejs') ? [path.relative(VIEWS_DIR, full)] : [];
  });
}

describe('view includes', () => {
  // A relative include makes ejs look for the file on disk at every render (src/platform/views.ts).
  it('name their file from the views folder, and the file exists', () => {
    const problems: string[] = [];
    for (const view of views()) {
      const text = fs.readFileSync(path.join(VIEWS_DIR, view), 'utf8');
      for (const m of text.matchAll(/include\(\s*(['"])([^'"]*)\1\s*([,)+])/g)) {
        const [, , target, next] = m;
        if (!target.startsWith('/')) problems.push(`${view}: include('${target}') is relative`);
        else if (next !== '+' && !fs.existsSync(path.join(VIEWS_DIR, `${target}.ejs`)))
          problems.push(`${view}: ${target}.ejs does not exist`);
      }
    }
    expect(problems).toEqual([]);
  });
});
