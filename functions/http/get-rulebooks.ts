import { httpRoute } from '#http/middleware/http-route.ts';
import { toAlmatyDate } from '#domain/calendar/local-date.ts';
import { rulebookOn } from '#domain/rulebook/rulebook.ts';
import { SEED_RULEBOOKS } from '#domain/rulebook/seed-rulebooks.ts';
import { systemClock } from '#adapters/clock.ts';

/** GET /v1/rulebooks: the rulebook in force today (Asia/Almaty) and every version, oldest first. */
export const handler = httpRoute({ route: 'get-rulebooks' }, async () => {
  const today = toAlmatyDate(systemClock.now());
  const history = [...SEED_RULEBOOKS].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return { status: 200, body: { asOf: today, current: rulebookOn(today, history), history } };
});
