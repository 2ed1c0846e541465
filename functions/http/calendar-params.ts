import * as z from 'zod';

/** Path parameters shared by the calendar routes. */
export const calendarYearParams = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
});
