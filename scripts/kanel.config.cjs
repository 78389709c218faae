// Kanel (npm run db:types): the row type of every table, read from a database migrated to the
// latest migration, written to one file, src/platform/db-tables.ts. Reads name their row type with
// it (`db<UsersRow>('users')`, `.first<Pick<UsersRow, 'id' | 'email'> | undefined>(…)`), so a read
// of a renamed or dropped column fails to compile. There is no global `knex/types/tables`
// augmentation: it types every builder at once and made about 850 unrelated compile errors
// (inserts with raw values, ids passed as numbers); a read opts in by naming its row.
//
// The types follow what pg returns in this app (src/platform/db.ts): bigint and numeric as string,
// DATE as a 'YYYY-MM-DD' string (its type parser is turned off), timestamps as Date, json as unknown.
const path = require('node:path');
const { defaultGenerateIdentifierType } = require('kanel');

/** users → Users, accompaniment_beneficiaries → AccompanimentBeneficiaries. */
const pascal = (name) => name.replace(/(^|_)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
const outputPath = path.join(__dirname, '../src/platform');
const file = path.join(outputPath, 'db-tables');

/** @type {import('kanel').ConfigV3} */
module.exports = {
  connection: process.env.DATABASE_URL,
  schemas: ['public'],
  outputPath,
  preDeleteOutputFolder: false,
  // Tables and views only (not the trigger functions), without knex's migration bookkeeping.
  typeFilter: (t) => (t.kind === 'table' || t.kind === 'view') && !t.name.startsWith('knex_'),
  customTypeMap: { 'pg_catalog.date': 'string' },
  enumStyle: 'type',
  // Every type in one file, named after its table: UsersRow (a row as read), UsersId (its key).
  getMetadata: (details, generateFor) => ({
    name: pascal(details.name) + (generateFor === 'selector' || !generateFor ? 'Row' : pascal(generateFor)),
    comment: [`A row of ${details.name}${generateFor && generateFor !== 'selector' ? ` (${generateFor})` : ''}.`],
    path: file,
    exportAs: 'named',
  }),
  // Keys as plain aliases (`UsersId = string`), not branded: a foreign key says what it points to,
  // without making every id passed around need a cast.
  generateIdentifierType: (column, details, config) => {
    const d = defaultGenerateIdentifierType(column, details, config);
    return {
      ...d,
      typeDefinition: d.typeDefinition.map((t) => t.replace(/ & \{ __brand: [^}]*\}$/, '')),
      comment: [`Key of ${details.name}.`],
    };
  },
  // Only the rows as read: inserts and updates stay untyped here (no Initializer/Mutator types).
  preRenderHooks: [
    (output) => {
      for (const contents of Object.values(output))
        if (contents.fileType === 'typescript')
          // Sorted by name, so that a new migration changes only its own lines.
          contents.declarations = contents.declarations
            .filter((d) => !('name' in d) || !/(Initializer|Mutator)$/.test(d.name))
            .sort((a, b) => ('name' in a ? a.name : '').localeCompare('name' in b ? b.name : ''));
      return output;
    },
  ],
  // A nullable json column is `unknown`, which already holds null.
  postRenderHooks: [(_path, lines) => lines.map((l) => l.replace(/: unknown \| null;$/, ': unknown;'))],
};
