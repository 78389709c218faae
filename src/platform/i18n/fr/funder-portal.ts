/** French strings of the funder-portal area. */
export const funderPortalFr = {
  'funderPortal.nav': 'Mes rapports',
};
