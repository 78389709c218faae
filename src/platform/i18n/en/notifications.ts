import type { notificationsFr } from '../fr/notifications';

/** English strings of the notification mails and of each person's choice of immediate mails or a daily digest. */
export const notificationsEn: Record<keyof typeof notificationsFr, string> = {};
