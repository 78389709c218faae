/** French strings of the calendar area. */
export const calendarFr = {
} as const;
