/** French strings of the follow-up area. */
export const followUpFr = {
};
