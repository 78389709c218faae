import type { referenceListsFr } from '../fr/reference-lists';

/** English strings of the national lists (/settings/lists, src/reference-lists/). */
export const referenceListsEn: Record<keyof typeof referenceListsFr, string> = {
  'referenceLists.nav': 'National lists',
  'referenceLists.title': 'National lists',
  'referenceLists.intro':
    'Themes, sectors, legal forms and action types offered by every operator’s forms: figures add up on their codes.',
  'referenceLists.notOfficial':
    'These are Jalons’ lists, drawn from DLA practice, not an official published nomenclature: adapt them. A code never changes; a deactivated item is no longer offered but stays readable on the records that hold it.',
  'referenceLists.list.theme': 'Themes',
  'referenceLists.list.sector': 'Sectors',
  'referenceLists.list.legal_form': 'Legal forms',
  'referenceLists.list.action_type': 'Action types',
  'referenceLists.empty': 'This list is empty.',
  'referenceLists.inactive': 'Deactivated',
  'referenceLists.code': 'Code',
  'referenceLists.codeHint':
    'Lower-case letters without accents, digits and “_”, for example circular_economy. It cannot be changed later.',
  'referenceLists.labelFr': 'French label',
  'referenceLists.labelEn': 'English label',
  'referenceLists.position': 'Rank',
  'referenceLists.positionHint': 'Items are sorted by increasing rank; left blank, the item goes at the end.',
  'referenceLists.add': 'Add an item',
  'referenceLists.addSubmit': 'Add',
  'referenceLists.deactivate': 'Deactivate',
  'referenceLists.reactivate': 'Reactivate',
  'referenceLists.added': '“{label}” added.',
  'referenceLists.saved': '“{label}” saved.',
  'referenceLists.deactivated': 'Item deactivated: forms no longer offer it.',
  'referenceLists.reactivated': 'Item reactivated.',
  'referenceLists.code.format':
    'A code is written in lower-case letters without accents, digits and “_”, starting with a letter or a digit.',
  'referenceLists.code.taken': 'This code already exists in this list (perhaps deactivated).',
  'referenceLists.position.format': 'Enter a whole rank between 0 and 100,000.',
  'referenceLists.otherThemes': 'Other themes',
  'referenceLists.otherThemesHint': 'One per line, if they are not in the list.',
  'referenceLists.inactiveOption': '{label} (deactivated)',
  'referenceLists.unknownCode': 'Choose an item of the list.',
};
