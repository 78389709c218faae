import { format } from 'date-fns';

/** Today's calendar date where the office is (the process runs with TZ=Europe/Paris). */
export const localToday = () => format(new Date(), 'yyyy-MM-dd');
