/** The demo organisations and accounts (fictional people; the organisations are the Belfort case's). */
export const DEMO_PASSWORD = 'jalons-demo';

export const DEMO_ORGANISATIONS = [
  {
    key: 'mife',
    kind: 'operator',
    name: "MIFE 90 – Maison de l'Information sur la Formation et l'Emploi",
    short_name: 'MIFE 90',
    department: '90',
  },
  { key: 'coorace', kind: 'provider', name: 'COORACE – fédération nationale', short_name: 'COORACE', department: null },
  {
    key: 'ddets',
    kind: 'funder',
    name: 'État – DDETS du Territoire de Belfort',
    short_name: 'DDETS 90',
    department: '90',
    funder_type: 'state',
  },
  {
    key: 'bdt',
    kind: 'funder',
    name: 'Banque des Territoires',
    short_name: null,
    department: null,
    funder_type: 'banque_des_territoires',
  },
  {
    key: 'region',
    kind: 'funder',
    name: 'Région Bourgogne-Franche-Comté',
    short_name: 'Région BFC',
    department: null,
    funder_type: 'region',
  },
  {
    key: 'cd90',
    kind: 'funder',
    name: 'Conseil départemental du Territoire de Belfort',
    short_name: 'CD 90',
    department: '90',
    funder_type: 'departement',
  },
  {
    key: 'relay',
    kind: 'relay',
    name: 'COORACE – délégation régionale',
    short_name: 'COORACE régional',
    department: null,
  },
  { key: 'energie', kind: 'structure', name: 'Energie Emploi', short_name: null, department: '90' },
  { key: 'intermed', kind: 'structure', name: 'Intermed', short_name: null, department: '90' },
  { key: 'chamois', kind: 'structure', name: 'Chamois', short_name: null, department: '90' },
  { key: 'chacasol', kind: 'structure', name: 'Chacasol', short_name: null, department: '90' },
] as const;

export const DEMO_ACCOUNTS = [
  { email: 'admin@jalons.test', name: 'Alex Martin', role: 'admin', org: 'mife' },
  { email: 'direction@jalons.test', name: 'Hélène Dubois', role: 'manager', org: 'mife' },
  { email: 'coordination@jalons.test', name: 'Julie Moreau', role: 'coordinator', org: 'mife' },
  { email: 'prestataire@jalons.test', name: 'Marc Lefèvre', role: 'provider', org: 'coorace' },
  { email: 'financeur@jalons.test', name: 'Sophie Bernard', role: 'funder', org: 'ddets' },
  { email: 'relais@jalons.test', name: 'Karim Benali', role: 'relay', org: 'relay' },
  { email: 'structure@jalons.test', name: 'Nadia Girard', role: 'beneficiary', org: 'intermed' },
] as const;
