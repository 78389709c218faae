import type { Db } from '../../../src/platform/db';
import { orgBase, rnd, userBase, type Plan } from './plan';

export const KNOWN_COORDINATOR = 'coordination@bench.test';
export const KNOWN_ADMIN = 'admin@bench.test';

const dept = (g: string) => `lpad(((${g} - 1) % 95 + 1)::text, 2, '0')`;

/** Organisations of every kind, their users (one password for all), structures and a contact each. */
export async function generatePeople(db: Db, p: Plan, passwordHash: string) {
  const o = orgBase(p);
  const orgs = (
    kind: string,
    base: number,
    count: number,
    name: string,
    extra = 'null::text',
    department = 'null::text',
  ) =>
    db.raw(
      `insert into organisations (id, kind, name, short_name, department, funder_type, email, siret)
       select ${base} + g, '${kind}', ${name}, null, ${department}, ${extra}, '${kind}' || g || '@bench.test',
              ${kind === 'structure' ? `lpad((${base} + g)::text, 14, '0')` : 'null'}
         from generate_series(1, ${count}) g order by g`,
    );
  await orgs(
    'operator',
    o.operator,
    p.operators,
    `'DLA ' || ${dept('g')} || ' – opérateur n° ' || g`,
    'null::text',
    dept('g'),
  );
  await orgs(
    'provider',
    o.provider,
    p.providers,
    `(array['Cabinet','Conseil','Coopérative','Atelier'])[g % 4 + 1] || ' conseil n° ' || g`,
  );
  await orgs(
    'funder',
    o.funder,
    p.funders,
    `(array['État – DDETS','Banque des Territoires','Région','Département','FSE','Fondation'])[(g - 1) % 6 + 1] || ' n° ' || g`,
    `(array['state','banque_des_territoires','region','departement','fse','other'])[(g - 1) % 6 + 1]`,
  );
  await orgs('relay', o.relay, p.relays, `'Réseau relais n° ' || g`);
  await orgs(
    'structure',
    o.structure,
    p.structures,
    `(array['Association','Chantier d''insertion','Régie de quartier','Entreprise d''insertion','Ressourcerie','SCIC'])[g % 6 + 1] || ' n° ' || g`,
    'null::text',
    dept('g'),
  );

  await db.raw(
    `insert into structures (organisation_id, legal_form, siae_type, taxable, activities, sector, employees, employees_in_insertion, postcode, city)
     select ${o.structure} + g,
            (array['association','scic','sarl','sas','scop'])[floor(${rnd('g', 1)} * 5)::int + 1],
            (array['ACI','AI','EI','ETTI','EITI',null,null])[floor(${rnd('g', 2)} * 7)::int + 1],
            ${rnd('g', 3)} < 0.3,
            array[(array['recyclage','espaces verts','bâtiment','restauration','services à la personne'])[floor(${rnd('g', 4)} * 5)::int + 1]],
            (array['environnement','btp','alimentation','social','culture'])[floor(${rnd('g', 5)} * 5)::int + 1],
            e.employees, floor(e.employees * ${rnd('g', 7)} * 0.8)::int,
            ${dept('g')} || '000', 'Ville ' || ((g - 1) % 500 + 1)
       from generate_series(1, ${p.structures}) g cross join lateral (select floor(${rnd('g', 6)} * 120)::int as employees) e`,
  );
  await db.raw(
    `insert into structure_contacts (organisation_id, name, role, email)
     select ${o.structure} + g, 'Direction structure ' || g, 'director', 'direction' || g || '@structure.bench.test'
       from generate_series(1, ${p.structures}) g`,
  );

  const u = userBase(p);
  const users = (sql: string) =>
    db.raw(`insert into users (id, organisation_id, email, name, role, password_hash, status) ${sql}`, [passwordHash]);
  await users(`select 1, 1, '${KNOWN_ADMIN}', 'Admin national', 'admin', ?, 'active'`);
  await users(`select ${u.manager} + g, g, 'direction' || g || '@bench.test', 'Direction opérateur ' || g, 'manager', ?, 'active'
                 from generate_series(1, ${p.operators}) g`);
  await users(
    `select ${u.coordinator} + (g - 1) * 3 + k, g,
            case when g = 1 and k = 1 then '${KNOWN_COORDINATOR}' else 'coordination' || g || '-' || k || '@bench.test' end,
            'Chargé·e de mission ' || g || '-' || k, 'coordinator', ?, 'active'
       from generate_series(1, ${p.operators}) g cross join generate_series(1, 3) k`,
  );
  const others = (base: number, count: number, orgStart: number, orgCount: number, role: string, label: string) =>
    users(`select ${base} + g, ${orgStart} + (g - 1) % ${orgCount} + 1, '${role}' || g || '@bench.test', '${label} ' || g, '${role}', ?, 'active'
             from generate_series(1, ${count}) g`);
  await others(u.provider, p.providerUsers, o.provider, p.providers, 'provider', 'Consultant·e');
  await others(u.funder, p.funderUsers, o.funder, p.funders, 'funder', 'Chargé·e de financement');
  await others(u.relay, p.relayUsers, o.relay, p.relays, 'relay', 'Relais');
}
