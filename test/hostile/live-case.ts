import type { Db } from '../../src/platform/db';
import { createBid } from '../factories/consultations';
import { createDeliverable } from '../factories/deliverables';
import { addActionItem, createSession } from '../factories/sessions';
import { addBeneficiaryRow, fundAccompaniment, selectProvider } from '../factories/structures';

/**
 * The demo data shows finished or early cases; many forms only appear on a case being
 * delivered (a planned session, an expected deliverable, a received bid). This adds one such
 * case to the demo operator, with the demo accounts as its people, so that the crawl finds them.
 */
export async function addLiveCase(db: Db) {
  const org = async (name: string) => String((await db('organisations').where({ name }).first('id')).id);
  const user = async (email: string) => String((await db('users').where({ email }).first('id')).id);
  const [mife, coorace, ddets, intermed] = await Promise.all([
    org("MIFE 90 – Maison de l'Information sur la Formation et l'Emploi"),
    org('COORACE – fédération nationale'),
    org('État – DDETS du Territoire de Belfort'),
    org('Intermed'),
  ]);
  const [{ id }] = await db('accompaniments')
    .insert({
      operator_id: mife,
      coordinator_id: await user('coordination@jalons.test'),
      title: 'Cas hostile en cours',
      kind: 'individual',
      state: 'delivery',
      department: '90',
      intake_on: '2026-01-05',
      budget_days: '6',
      budget_eur: '7000',
    })
    .returning('id');
  const accId = String(id);
  await addBeneficiaryRow(db, accId, intermed, { joined_on: '2026-01-05' });
  await selectProvider(db, accId, coorace);
  await fundAccompaniment(db, accId, ddets, '7000');
  const planned = await createSession(db, accId, {
    status: 'planned',
    validated_at: null,
    starts_at: new Date('2026-03-02T09:00:00Z'),
  });
  await createSession(db, accId, { status: 'held', validated_at: null, minutes: 'Compte rendu à valider.' });
  await addActionItem(db, accId, planned, 'Relancer la banque');
  await createDeliverable(db, accId, { status: 'expected', title: 'Plan d’actions attendu' });
  // A bid received on the demo case that is in consultation: the scoring and selection forms.
  const consultation = await db('accompaniments').where({ operator_id: mife, state: 'consultation' }).first('id');
  if (consultation) await createBid(db, String(consultation.id), coorace, { status: 'proposed' });
  return accId;
}
