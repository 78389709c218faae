/** French strings of the notification mails and of each person's choice of immediate mails or a daily digest. */
export const notificationsFr = {} as const;
