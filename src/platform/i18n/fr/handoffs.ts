/** French strings of the handoffs area. */
export const handoffsFr = {
};
