import fs from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * axe-core's source, read once, run in each page checked through the DevTools protocol: Jalons' CSP
 * (no inline script) rightly refuses it as a <script> tag (page.addScriptTag), not as an evaluation.
 */
let axeSource: string | undefined;
const source = () => (axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export type AxeViolation = { id: string; impact: string; help: string; targets: string[] };

type AxeResults = {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
};

/** The impacts that fail a page (issue 21): a serious or critical violation blocks someone. */
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe-core on the page as it is now (WCAG 2.x A and AA rules and axe's best practices) and
 * returns its serious and critical violations, each with the rule, its impact and the elements
 * (CSS selectors) at fault.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source());
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return (results as AxeResults).violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
}

/** One line per violation: rule id, impact, what it asks, and the first elements at fault. */
export function describeViolations(where: string, violations: AxeViolation[]): string[] {
  return violations.map((v) => {
    const more = v.targets.length > 5 ? ` (+${v.targets.length - 5} more)` : '';
    return `${where}: ${v.id} [${v.impact}] ${v.help} — ${v.targets.slice(0, 5).join(', ')}${more}`;
  });
}

/** Fails (with a readable list) when axe finds a serious or critical violation on the page. */
export async function expectNoSeriousViolations(
  page: Page,
  where = new URL(page.url()).pathname + new URL(page.url()).search,
) {
  const found = describeViolations(where, await axeViolations(page));
  expect(found).toEqual([]);
}
