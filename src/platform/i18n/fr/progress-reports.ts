/** French strings of the progress-reports area. */
export const progressReportsFr = {
};
