/** French strings of approximate dates (src/platform/approx-dates.ts, views/partials/_approx_date.ejs). */
export const approxDatesFr = {
  'approxDate.precision': 'Précision',
  'approxDate.precision.day': 'Jour exact',
  'approxDate.precision.early_month': 'Début du mois',
  'approxDate.precision.mid_month': 'Milieu du mois',
  'approxDate.precision.late_month': 'Fin du mois',
  'approxDate.precision.month': 'Mois seulement',
  'approxDate.precision.season': 'Saison seulement',
  'approxDate.precision.year': 'Année seulement',
  'approxDate.hint':
    'Si le jour n’est pas connu, choisissez une date du mois ou de l’année et la précision : la fiche imprimera « mi-octobre 2015 », « courant 2017 »…',
  'approxDate.required': 'Indiquez une date (jj/mm/aaaa), même approximative, avec sa précision.',
  'approxDate.precisionInvalid':
    'Choisissez une précision dans la liste : jour, début, milieu ou fin du mois, mois, saison, année.',
} as const;
