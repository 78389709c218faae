export const TEMPLATE_DB = 'jalons_test_template';
/** The template with the demo data set seeded, cloned by the files that start from the demo. */
export const DEMO_TEMPLATE_DB = 'jalons_test_demo_template';

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
