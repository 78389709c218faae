/** French strings of the case-sheets area. */
export const caseSheetsFr = {
};
