import type { calendarFr } from '../fr/calendar';

/** English strings of the calendar area (same keys as the French file). */
export const calendarEn: Record<keyof typeof calendarFr, string> = {
};
