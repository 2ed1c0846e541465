/**
 * Calendar arithmetic of the console, on the Almaty clock (the regulation's time zone, UTC+5
 * without daylight saving): pure, so the unit tests check its edges.
 */
const almatyParts = (now: Date): { year: number; month: number; day: string } => {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const [year, month] = day.split('-').map(Number) as [number, number];
  return { year, month, day };
};

/** The Almaty day of an instant, YYYY-MM-DD. */
export const almatyDay = (now: Date): string => almatyParts(now).day;

/**
 * `dueBefore` for "due today": the start of tomorrow in Almaty (the list's bound is exclusive,
 * and a day's deadlines end at its 23:59:59.999 +05:00).
 */
export function startOfTomorrowAlmaty(now: Date): string {
  return new Date(Date.parse(`${almatyDay(now)}T00:00:00+05:00`) + 24 * 3600 * 1000).toISOString();
}

/** The Almaty month of an instant, YYYY-MM (the §12 escalations' month). */
export const almatyMonth = (now: Date): string => almatyDay(now).slice(0, 7);

/**
 * The period a report is usually wanted for: the last finished month (§18, sent by the 5th of
 * the next) or quarter (§13–§14, due 10 calendar days after it ends).
 */
export function previousPeriod(type: string, now: Date): string {
  const { year, month } = almatyParts(now);
  if (type === 'monthly-complaints') return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  const quarter = Math.floor((month - 1) / 3);
  return quarter === 0 ? `${year - 1}-Q4` : `${year}-Q${quarter}`;
}
