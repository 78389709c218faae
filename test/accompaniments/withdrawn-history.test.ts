import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { writeDiagnostic } from '../factories/diagnostics';
import { createSession } from '../factories/sessions';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

// History never disappears: a structure that withdraws keeps what it did (its diagnostic
// validation, its attendance), shown « sortie le … » on the diagnostic tab, the timeline and the sessions.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const rowOf = (html: string, name: string) =>
  new RegExp(`<tr[^>]*>\\s*<th scope="row">${name}[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';

describe('a structure that withdrew', () => {
  it('keeps its validation of October 2015 and its attendance, marked « sortie le 15 novembre 2016 »', async () => {
    const { operator, coordinator } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: coordinator.id,
      state: 'delivery',
      structures: 2,
      intakeOn: '2015-09-01',
    });
    const [energie, chamois] = acc.structures;
    await writeDiagnostic(t.db, acc.id, { written_on: '2015-10-01' });
    await t.db('diagnostic_validations').insert([
      {
        accompaniment_id: acc.id,
        organisation_id: energie.id,
        validated_on: '2015-10-15',
        validated_by_name: 'Bernard Mougin',
        recorded_by: coordinator.id,
      },
      {
        accompaniment_id: acc.id,
        organisation_id: chamois.id,
        validated_on: '2015-10-15',
        validated_by_name: 'Martine Grosjean',
        recorded_by: coordinator.id,
      },
    ]);
    const sessionId = await createSession(t.db, acc.id, {
      title: 'Comité de pilotage — Bilan',
      starts_at: new Date('2016-11-15T09:00:00Z'),
    });
    await t.db('session_attendees').insert([
      { session_id: sessionId, name: 'Martine Grosjean', organisation_id: chamois.id, presence: 'present' },
      { session_id: sessionId, name: 'Bernard Mougin', organisation_id: energie.id, presence: 'present' },
    ]);

    // The withdrawal, through its screen.
    const s = await loginAs(t.app, coordinator.email);
    await s.agent
      .post(`/accompaniments/${acc.id}/beneficiaries/${chamois.id}/withdraw`)
      .type('form')
      .send({
        _csrf: s.csrf,
        withdrawn_on: '2016-11-15',
        withdrawal_reasons: 'Recherchait une direction partagée.',
        may_rejoin: 'En partie.',
      })
      .expect(302);
    // Nothing of its history was deleted.
    expect(
      await t
        .db('diagnostic_validations')
        .where({ accompaniment_id: acc.id, organisation_id: chamois.id })
        .first('validated_on'),
    ).toEqual({ validated_on: '2015-10-15' });
    expect(
      await t.db('session_attendees').where({ session_id: sessionId, organisation_id: chamois.id }).first('presence'),
    ).toEqual({ presence: 'present' });

    // The diagnostic tab: its row stays, with its validation and the day it left; no delete button for it.
    const tab = await getCaseTab(s.agent, acc.id, 'diagnostic').expect(200);
    const row = rowOf(tab.text, chamois.name);
    expect(row).toContain('sortie le 15 novembre 2016');
    expect(row).toContain('Validé');
    expect(row).toContain('le 15 octobre 2015 par Martine Grosjean');
    expect(row).not.toContain('Retirer');
    expect(rowOf(tab.text, energie.name)).not.toContain('sortie le');

    // The timeline: its validation, marked, and its withdrawal.
    const timeline = await s.agent
      .get(`/accompaniments/${acc.id}/timeline?kinds=diagnostic&kinds=beneficiaries`)
      .expect(200);
    expect(timeline.text).toMatch(
      new RegExp(
        `Diagnostic partagé validé par ${chamois.name} \\(Martine Grosjean\\) <span class="badge">sortie le 15 novembre 2016</span>`,
      ),
    );
    expect(timeline.text).toMatch(
      new RegExp(`Diagnostic partagé validé par ${energie.name} \\(Bernard Mougin\\)\\s*</p>`),
    );
    expect(timeline.text).toContain(`${chamois.name} sort du processus`);

    // The session and the attendance matrix: still there, marked.
    const session = await s.agent.get(`/sessions/${sessionId}`).expect(200);
    expect(session.text).toMatch(
      new RegExp(
        `Martine Grosjean <span class="muted">— ${chamois.name}</span> <span class="badge">sortie le 15 novembre 2016</span>`,
      ),
    );
    expect(session.text).toMatch(new RegExp(`Bernard Mougin <span class="muted">— ${energie.name}</span>\\s*</span>`));
    const matrix = await s.agent.get(`/accompaniments/${acc.id}/attendance`).expect(200);
    expect(matrix.text).toMatch(
      new RegExp(
        `Martine Grosjean <span class="muted">— ${chamois.name}</span> <span class="badge">sortie le 15 novembre 2016</span>`,
      ),
    );
  });

  it('keeps its validation when the diagnostic is rewritten after it left; the others validate again', async () => {
    const { operator, coordinator } = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, {
      operatorId: operator.id,
      coordinatorId: coordinator.id,
      state: 'diagnostic',
      structures: 2,
      intakeOn: '2015-09-01',
    });
    const [energie, chamois] = acc.structures;
    await writeDiagnostic(t.db, acc.id, { written_on: '2015-10-01' }, [{ theme: 'Comptabilité', aim: '' }]);
    for (const o of [energie, chamois]) {
      await t.db('diagnostic_validations').insert({
        accompaniment_id: acc.id,
        organisation_id: o.id,
        validated_on: '2015-10-15',
        validated_by_name: 'Présidence',
        recorded_by: coordinator.id,
      });
    }
    const s = await loginAs(t.app, coordinator.email);
    await s.agent
      .post(`/accompaniments/${acc.id}/beneficiaries/${chamois.id}/withdraw`)
      .type('form')
      .send({ _csrf: s.csrf, withdrawn_on: '2015-10-20', withdrawal_reasons: 'Besoin de temps.', may_rejoin: '' })
      .expect(302);
    const form = await s.agent.get(`/accompaniments/${acc.id}/diagnostic/edit`).expect(200);
    expect(form.text).toContain('Ce diagnostic a déjà été validé par 1 structure.');
    const lock = form.text.match(/name="lock_version" value="(\d+)"/)![1];
    const body = [
      `_csrf=${encodeURIComponent(s.csrf)}`,
      'findings=Nouveaux%20constats',
      'written_on=2015-10-25',
      `lock_version=${lock}`,
      'theme=Gouvernance',
      'aim=',
    ].join('&');
    await s.agent.post(`/accompaniments/${acc.id}/diagnostic/edit`).type('form').send(body).expect(302);
    expect(await t.db('diagnostic_validations').where({ accompaniment_id: acc.id }).pluck('organisation_id')).toEqual([
      chamois.id,
    ]);
    const tab = await getCaseTab(s.agent, acc.id, 'diagnostic').expect(200);
    expect(rowOf(tab.text, chamois.name)).toContain('sortie le 20 octobre 2015');
    expect(rowOf(tab.text, chamois.name)).toContain('le 15 octobre 2015 par Présidence');
    expect(rowOf(tab.text, energie.name)).toContain('En attente');
  });
});
