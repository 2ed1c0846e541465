import { NotFoundError } from '../errors.ts';
import type { RecalculationStore } from './calendar-recalculation.ts';

/** How far the recount of open deadlines after the latest change of a calendar year is. */
export async function getCalendarRecalculation(year: number, ports: { recalculations: Pick<RecalculationStore, 'latest'> }) {
  const recalculation = await ports.recalculations.latest(year);
  if (recalculation === undefined) throw new NotFoundError(`No recalculation after a change of calendar year ${year}`);
  // The plan of the page under way is the page's own bookkeeping, not progress.
  const { plan: _plan, ...progress } = recalculation;
  return progress;
}
