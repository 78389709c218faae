/** French strings of the indicators area. */
export const indicatorsFr = {
  'indicators.nav': 'Indicateurs',
};
