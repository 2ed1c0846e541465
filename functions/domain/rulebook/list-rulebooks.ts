import { toAlmatyDate } from '#domain/calendar/local-date.ts';
import type { Clock } from '../ports.ts';
import { rulebookOn } from './rulebook.ts';
import { SEED_RULEBOOKS } from './seed-rulebooks.ts';

/** The rulebook in force today (Asia/Almaty) and every version, oldest first. */
export function listRulebooks(ports: { clock: Clock }) {
  const today = toAlmatyDate(ports.clock.now());
  const history = [...SEED_RULEBOOKS].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return { asOf: today, current: rulebookOn(today, history), history };
}
