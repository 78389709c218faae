import type { Knex } from 'knex';
import type { OrganisationsRow, PhasesRow, SessionsRow, UsersRow } from '../src/platform/db-tables';
import type { Id } from '../src/platform/id';
import { parisToInstant } from '../src/sessions/time';
import caseData from './data/belfort-ges-case.json';

/**
 * Delivery of the Belfort GES case as meetings: the accompaniment's steering committee (ten
 * people of the four structures, the coordinator and the consultant), three themed working
 * groups, the ten sessions of the case sheet with attendance and short minutes, and a few action
 * items. Days consumed add up to the 6 contracted days: 1 for the kickoff (preparation and
 * interviews with the directors included), 0.5 for each of the eight themed sessions, 1 for the
 * close-out review (the written assessment included). Every session is closed and validated.
 * People are fictional. Idempotent: each record is found by a natural key before being created.
 */

type Ids = Record<string, string>;
type Person = {
  user_id: string | null;
  contact_id: string | null;
  name: string;
  organisation_id: string;
  organisation_name: string;
};
type MemberRole = 'director' | 'president' | 'board_member' | 'employee' | 'coordinator' | 'consultant' | 'other';

/** The structures' people on the committee: [name, structure, role]; contacts created when missing. */
const COMMITTEE: [string, string, MemberRole][] = [
  ['Claire Vautrin', 'Energie Emploi', 'director'],
  ['Bernard Mougin', 'Energie Emploi', 'president'],
  ['Thierry Jacquot', 'Energie Emploi', 'board_member'],
  ['Odile Perrot', 'Intermed', 'president'],
  ['Élodie Marchand', 'Intermed', 'employee'],
  ['Martine Grosjean', 'Chamois', 'president'],
  ['Yves Boillot', 'Chamois', 'employee'],
  ['Sandrine Lallemand', 'Chacasol', 'director'],
  ['Gérard Faivre', 'Chacasol', 'president'],
  ['Patrick Roussel', 'Chacasol', 'board_member'],
];

/** The ETTI that took part in some working groups (a guest without an account). */
const ETTI_GUEST = { name: 'Fabienne Colin', organisation_name: 'Tremplin Intérim 90 (ETTI)' };

const themes = Object.fromEntries(caseData.objectives.mutualisation_themes.map((t) => [t.theme, t.aim]));

const WORKING_GROUPS = [
  {
    name: 'Comptabilité',
    structures: ['Energie Emploi', 'Intermed', 'Chacasol'],
    members: ['Claire Vautrin', 'Bernard Mougin', 'Sandrine Lallemand', 'consultant'],
    guest: true,
  },
  {
    name: 'Communication',
    structures: ['Energie Emploi', 'Intermed', 'Chamois', 'Chacasol'],
    members: ['Thierry Jacquot', 'Élodie Marchand', 'Yves Boillot', 'Patrick Roussel'],
    guest: false,
  },
  {
    name: 'Gouvernance',
    structures: ['Energie Emploi', 'Intermed', 'Chamois', 'Chacasol'],
    members: ['Bernard Mougin', 'Odile Perrot', 'Martine Grosjean', 'Gérard Faivre', 'coordinator'],
    guest: false,
  },
];

type SessionSeed = {
  type: 'kickoff' | 'steering_committee' | 'restitution';
  title: string;
  theme: string | null;
  date: string;
  start: string;
  end: string;
  place: string;
  phase: number;
  days: number;
  agenda: string;
  minutes: string;
  decisions: string | null;
  /** Committee members excused (the others are present), and guests present. */
  excused: string[];
  absent?: string[];
  guests?: { name: string; organisation_name: string }[];
};

const PLACES = [
  'Locaux d’Energie Emploi, Belfort',
  'Locaux d’Intermed, Belfort',
  'Locaux de Chacasol, Belfort',
  'MIFE 90, Belfort',
];

/** Short minutes for the eight themed sessions (same order as the case's steering_sessions). */
const THEMED: { minutes: string; decisions: string | null; excused: string[]; absent?: string[]; guest?: boolean }[] = [
  {
    minutes:
      'Tour de table sur les valeurs de chaque structure. Les administrateurs partagent la volonté d’un projet politique commun, au-delà des économies d’échelle.',
    decisions: '- Rédiger un texte fédérateur commun aux quatre structures.',
    excused: ['Thierry Jacquot'],
  },
  {
    minutes:
      'Présentation des formes possibles d’une gouvernance unifiée (structure chapeau, conseil d’administration commun). Trois structures ont déjà des administrateurs en commun.',
    decisions: '- Retenir le principe d’une structure chapeau avec un conseil d’administration commun.',
    excused: ['Yves Boillot', 'Patrick Roussel'],
  },
  {
    minutes:
      'Cartographie des postes et des fonctions transversales ; points communs des contrats de travail et des fiches de poste.',
    decisions: null,
    excused: ['Gérard Faivre'],
    guest: true,
  },
  {
    minutes:
      'Analyse des domaines d’activité stratégiques et des modèles économiques des quatre structures ; pistes de développement communes.',
    decisions: null,
    excused: ['Martine Grosjean'],
    absent: ['Thierry Jacquot'],
  },
  {
    minutes: 'Diagnostic fiscal : situation de Chacasol, seule structure fiscalisée, et conséquences pour le groupe.',
    decisions: '- Consulter un expert-comptable avant tout choix de forme juridique.',
    excused: ['Élodie Marchand'],
  },
  {
    minutes:
      'Sécurisation des parcours d’insertion : accompagnements plus diversifiés et passerelles entre les structures.',
    decisions: null,
    excused: ['Bernard Mougin', 'Patrick Roussel'],
    guest: true,
  },
  {
    minutes:
      'Partie financière : budgets prévisionnels, trésorerie et coût du regroupement ; le regroupement est un investissement.',
    decisions: '- Préparer une convention d’apports de trésorerie réciproque.',
    excused: ['Yves Boillot'],
  },
  {
    minutes:
      'Élaboration des plans d’actions (organisationnel, fiscal, juridique) à partir des huit séances thématiques.',
    decisions:
      '- Plans d’actions validés par le comité de pilotage.\n- Chantiers prioritaires : comptabilité commune, fusion des logiciels, statuts de l’association support.',
    excused: ['Martine Grosjean', 'Yves Boillot'],
  },
];

function sessionSeeds(): SessionSeed[] {
  const kickoff = caseData.events.find((e) => e.kind === 'kickoff')!;
  const review = caseData.events.find((e) => e.kind === 'final_review')!;
  // Two of the themed sessions fall on a Saturday morning, when board members are free.
  const morning = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay() === 6;
  return [
    {
      type: 'kickoff',
      title: 'Séance de lancement',
      theme: 'Objectifs, forme GES, pré-projet, calendrier',
      date: kickoff.date,
      start: '14:00',
      end: '17:30',
      place: 'MIFE 90, Belfort',
      phase: 1,
      days: 1,
      agenda:
        '- Objectifs de l’accompagnement\n- La forme du groupe économique solidaire\n- Pré-projet et calendrier\n(Préparation et entretiens avec les directions inclus.)',
      minutes:
        'Salariés et administrateurs des quatre structures invités. Le prestataire présente les objectifs, la forme GES, le pré-projet et le calendrier des huit séances thématiques.',
      decisions:
        '- Constituer un comité de pilotage d’une dizaine de personnes.\n- Calendrier des séances thématiques validé.',
      excused: ['Patrick Roussel'],
      guests: [
        { name: 'Jean-Marc Tisserand', organisation_name: 'Energie Emploi' },
        { name: 'Laure Bichon', organisation_name: 'Chamois' },
      ],
    },
    ...caseData.steering_sessions.map((s, i): SessionSeed => ({
      type: 'steering_committee',
      title: `Comité de pilotage — ${s.theme}`,
      theme: s.theme,
      date: s.date,
      start: morning(s.date) ? '09:30' : '14:00',
      end: morning(s.date) ? '12:30' : '17:00',
      place: PLACES[i % PLACES.length],
      phase: s.phase,
      days: 0.5,
      agenda: `- Retour sur les actions de la séance précédente\n- ${s.theme}\n- Suites à donner`,
      minutes: THEMED[i].minutes,
      decisions: THEMED[i].decisions,
      excused: THEMED[i].excused,
      absent: THEMED[i].absent,
      guests: THEMED[i].guest ? [ETTI_GUEST] : [],
    })),
    {
      type: 'restitution',
      title: 'Restitution : bilan de l’accompagnement',
      theme: 'Partage du bilan ; mise en place d’un comité de direction',
      date: review.date,
      start: '14:00',
      end: '17:00',
      place: 'MIFE 90, Belfort',
      phase: 3,
      days: 1,
      agenda:
        '- Bilan de l’accompagnement\n- Comité de direction du groupe\n- Suivi par la délégation régionale COORACE\n(Rédaction du bilan incluse.)',
      minutes:
        'Partage du bilan de l’accompagnement. Un comité de direction est mis en place. Chamois annonce sa sortie du processus de regroupement et reste invitée aux groupes de travail.',
      decisions:
        '- Comité de direction : les deux directrices, les trois présidents (Chacasol, Energie Emploi, Intermed) et des administrateurs.\n- Création de l’association support courant 2017.',
      excused: ['Thierry Jacquot'],
    },
  ];
}

const ACTION_ITEMS: {
  what: string;
  session: string;
  group?: string;
  owner: string;
  due: string;
  status: 'open' | 'in_progress' | 'done' | 'dropped';
  closed?: string;
}[] = [
  {
    what: 'Transmettre au prestataire les bilans et comptes de résultat 2014 des quatre structures',
    session: 'Séance de lancement',
    owner: 'Claire Vautrin',
    due: '2016-01-15',
    status: 'done',
    closed: '2016-01-12',
  },
  {
    what: 'Recenser les administrateurs communs et les mandats de chaque conseil d’administration',
    session: 'Comité de pilotage — Gouvernance unifiée',
    group: 'Gouvernance',
    owner: 'Odile Perrot',
    due: '2016-03-16',
    status: 'done',
    closed: '2016-03-14',
  },
  {
    what: 'Interroger un expert-comptable sur la fiscalité de Chacasol au sein du groupe',
    session: 'Comité de pilotage — Diagnostic fiscal',
    owner: 'Gérard Faivre',
    due: '2016-06-13',
    status: 'done',
    closed: '2016-06-10',
  },
  {
    what: 'Préparer la convention d’apports de trésorerie réciproque',
    session: 'Comité de pilotage — Partie financière',
    group: 'Comptabilité',
    owner: 'Bernard Mougin',
    due: '2016-12-31',
    status: 'open',
  },
  {
    what: 'Choisir un logiciel comptable commun (fusion des logiciels)',
    session: "Comité de pilotage — Élaboration des plans d'actions",
    group: 'Comptabilité',
    owner: 'Claire Vautrin',
    due: '2017-03-31',
    status: 'in_progress',
  },
  {
    what: 'Mutualiser un poste de direction avec Chamois',
    session: 'Comité de pilotage — Organisation RH et structurelle',
    owner: 'Martine Grosjean',
    due: '2016-12-31',
    status: 'dropped',
    closed: '2016-11-15',
  },
  {
    what: 'Rédiger les statuts de l’association support du GES',
    session: 'Restitution : bilan de l’accompagnement',
    group: 'Gouvernance',
    owner: 'Odile Perrot',
    due: '2017-06-30',
    status: 'open',
  },
  {
    what: 'Présenter le texte fédérateur aux administrateurs lors des assemblées générales',
    session: 'Restitution : bilan de l’accompagnement',
    group: 'Communication',
    owner: 'Sandrine Lallemand',
    due: '2017-06-30',
    status: 'done',
    closed: '2017-06-20',
  },
];

/** A committee member's excuse, absence or presence at a session. */
function presenceOf(s: SessionSeed, name: string) {
  if (s.excused.includes(name)) return 'excused';
  if (s.absent?.includes(name)) return 'absent';
  return 'present';
}

const dayBefore = (date: string, days: number) => new Date(Date.parse(`${date}T09:00:00Z`) - days * 86_400_000);

export async function seedBelfortSessions(trx: Knex.Transaction, accompanimentId: string, org: Ids, users: Ids) {
  const coordinatorId = users['coordination@jalons.test'];
  const consultantId = users['prestataire@jalons.test'];
  const names = async (id: string) => (await trx('users').where({ id }).first<Pick<UsersRow, 'name'>>('name')).name;
  const coordinator: Person = {
    user_id: coordinatorId,
    contact_id: null,
    name: await names(coordinatorId),
    organisation_id: org.mife,
    organisation_name: await orgName(trx, org.mife),
  };
  const consultant: Person = {
    user_id: consultantId,
    contact_id: null,
    name: await names(consultantId),
    organisation_id: org.coorace,
    organisation_name: await orgName(trx, org.coorace),
  };

  // The structures' people, as contacts of their structure.
  const people = new Map<string, Person & { role: MemberRole }>();
  for (const [name, structure, role] of COMMITTEE) {
    const organisationId = org[structure];
    let contact = await trx('structure_contacts')
      .where({ organisation_id: organisationId, name })
      .first<{ id: Id } | undefined>('id');
    if (!contact)
      [contact] = await trx('structure_contacts')
        .insert({ organisation_id: organisationId, name, role })
        .returning<{ id: Id }[]>('id');
    people.set(name, {
      user_id: null,
      contact_id: contact.id,
      name,
      organisation_id: organisationId,
      organisation_name: structure,
      role,
    });
  }
  const byKey = (key: string): Person => {
    if (key === 'coordinator') return coordinator;
    if (key === 'consultant') return consultant;
    const { role: _role, ...person } = people.get(key)!;
    return person;
  };

  // The steering committee: the ten, the coordinator and the consultant.
  const committee: (Person & { role: MemberRole })[] = [
    ...people.values(),
    { ...coordinator, role: 'coordinator' },
    { ...consultant, role: 'consultant' },
  ];
  for (const m of committee) {
    const found = await trx('steering_committee_members')
      .where({ accompaniment_id: accompanimentId })
      .where((q) => (m.user_id ? q.where('user_id', m.user_id) : q.where('contact_id', m.contact_id)))
      .first<{ id: Id } | undefined>('id');
    if (!found) await trx('steering_committee_members').insert({ accompaniment_id: accompanimentId, ...m });
  }

  // Themed working groups, with their structures and members.
  const groupIds: Ids = {};
  for (const g of WORKING_GROUPS) {
    const found = await trx('working_groups')
      .where({ accompaniment_id: accompanimentId, name: g.name })
      .first<{ id: Id } | undefined>('id');
    if (found) {
      groupIds[g.name] = found.id;
      continue;
    }
    const [row] = await trx('working_groups')
      .insert({
        accompaniment_id: accompanimentId,
        theme: g.name,
        name: g.name,
        aim: themes[g.name] ?? null,
        created_at: '2016-01-05T10:00:00+01:00',
      })
      .returning<{ id: Id }[]>('id');
    const groupId = row.id;
    groupIds[g.name] = groupId;
    await trx('working_group_structures').insert(
      g.structures.map((s) => ({ working_group_id: groupId, organisation_id: org[s] })),
    );
    await trx('working_group_members').insert(g.members.map((key) => ({ working_group_id: groupId, ...byKey(key) })));
    if (g.guest)
      await trx('working_group_members').insert({
        working_group_id: groupId,
        user_id: null,
        contact_id: null,
        organisation_id: null,
        ...ETTI_GUEST,
      });
  }

  // The ten sessions, closed and validated, with attendance.
  const phases = await trx<PhasesRow>('phases').where({ accompaniment_id: accompanimentId }).select('id', 'position');
  const phaseId = (position: number) => phases.find((p) => p.position === position)?.id ?? null;
  const sessionIds: Ids = {};
  for (const s of sessionSeeds()) {
    const found = await trx('sessions')
      .where({ accompaniment_id: accompanimentId, title: s.title })
      .first<{ id: Id } | undefined>('id');
    if (found) {
      sessionIds[s.title] = found.id;
      continue;
    }
    const startsAt = parisToInstant(s.date, s.start);
    const endsAt = parisToInstant(s.date, s.end);
    const [row] = await trx('sessions')
      .insert({
        accompaniment_id: accompanimentId,
        type: s.type,
        title: s.title,
        theme: s.theme,
        starts_at: startsAt,
        ends_at: endsAt,
        place: s.place,
        phase_id: phaseId(s.phase),
        agenda: s.agenda,
        days_consumed: s.days,
        minutes: s.minutes,
        decisions: s.decisions,
        status: 'closed',
        logged_by: consultantId,
        validated_at: new Date(endsAt.getTime() + 3 * 86_400_000),
        validated_by: coordinatorId,
        created_at: endsAt,
        updated_at: new Date(endsAt.getTime() + 3 * 86_400_000),
      })
      .returning<{ id: Id }[]>('id');
    const sessionId = row.id;
    sessionIds[s.title] = sessionId;
    const invited = dayBefore(s.date, 10);
    await trx('session_attendees').insert([
      ...committee.map(({ role: _role, ...p }) => ({
        session_id: sessionId,
        ...p,
        presence: presenceOf(s, p.name),
        invitation_sent_at: invited,
      })),
      ...(s.guests ?? []).map((g) => ({
        session_id: sessionId,
        user_id: null,
        contact_id: null,
        organisation_id: null,
        ...g,
        presence: 'present',
        invitation_sent_at: invited,
      })),
    ]);
  }

  // A few action items: some done or dropped, some still open.
  for (const a of ACTION_ITEMS) {
    if (await trx('action_items').where({ accompaniment_id: accompanimentId, what: a.what }).first('id')) continue;
    const owner = byKey(a.owner);
    const sessionId = sessionIds[a.session];
    if (!sessionId) throw new Error(`demo seed: no session titled ${a.session}`);
    const origin = await trx('sessions').where({ id: sessionId }).first<Pick<SessionsRow, 'starts_at'>>('starts_at');
    await trx('action_items').insert({
      accompaniment_id: accompanimentId,
      session_id: sessionId,
      working_group_id: a.group ? groupIds[a.group] : null,
      what: a.what,
      owner_name: owner.name,
      owner_organisation_id: owner.organisation_id,
      due_on: a.due,
      status: a.status,
      closed_at: a.closed ? `${a.closed}T18:00:00+01:00` : null,
      created_at: origin.starts_at,
    });
  }
}

async function orgName(trx: Knex.Transaction, id: string) {
  return (await trx('organisations').where({ id }).first<Pick<OrganisationsRow, 'name'>>('name')).name;
}
