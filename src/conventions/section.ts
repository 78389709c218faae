import { readingSection } from '../accompaniments/reading-section';
import { conventionPolicy } from './policy';
import { conventionSectionData, conventionSectionReads } from './section-query';

const SHOWN_STATES = ['consultation', 'convention'];

/**
 * The conventions part of the accompaniment page: the current version (number, short hash,
 * download), how many parties have signed, who is missing, and the link to the status board.
 * Shown once the case is at the consultation stage or a convention exists.
 */
export const conventionsSection = readingSection({
  id: 'conventions',
  partial: 'conventions/_section',
  reads: ({ db, user, acc }) => (conventionPolicy.view(user, acc) ? conventionSectionReads(db, acc.id, user) : null),
  show: ({ user, acc }, rows) => {
    const { current, parties, override } = conventionSectionData(rows);
    if (!current && !SHOWN_STATES.includes(acc.state)) return null;
    return {
      current,
      shortHash: current ? current.sha256.slice(0, 12) : null,
      signedCount: parties.filter((p) => p.signed).length,
      partyCount: parties.length,
      // A structure that left the case is not « missing »: the board shows it, marked « sortie le … ».
      missing: parties.filter((p) => !p.signed && !p.withdrawn_on).map((p) => p.name),
      override,
      canGenerate: conventionPolicy.generate(user, acc) && SHOWN_STATES.includes(acc.state),
      canDownload: conventionPolicy.readConvention(user, acc),
    };
  },
});
