import { runCalendarRecalculationPage, startCalendarRecalculation } from '#domain/deadlines/calendar-recalculation.ts';
import { crashPoint, crashPointsArmed } from '#commons/crash-point.ts';
import type { Effect, EffectPorts } from './effect.ts';

const CITE = 'working days per the calendar in force (Law "On holidays" Art. 5; government transfers of days off)';

/** CalendarYearReplaced: opens the paged recount of the open deadlines a changed day can touch. */
export const startRecalculation: Effect = {
  name: 'start-deadline-recalculation',
  cite: CITE,
  async run(event, ports) {
    const { changedDates, toVersion } = event.data as { changedDates: string[]; toVersion: number };
    const year = Number(event.aggregateId.slice(-4));
    await startCalendarRecalculation({ year, calendarVersion: toVersion, changedDates, at: event.at }, ports.monitor);
  },
};

/** CalendarRecalculationPageQueued: one bounded page of the recount, then the next page queued. */
export const recalculateDeadlinesPage: Effect = {
  name: 'recalculate-deadlines-page',
  cite: CITE,
  async run(event, ports) {
    await runCalendarRecalculationPage(event.aggregateId, crashPointsArmed() ? withCrashPointAfterEachMove(ports.monitor) : ports.monitor);
  },
};

/** The local stack under a crash test: the page's acceptance writes each reach a named crash point. */
function withCrashPointAfterEachMove(monitor: EffectPorts['monitor']): EffectPorts['monitor'] {
  const { acceptances } = monitor;
  return {
    ...monitor,
    acceptances: {
      ...acceptances,
      async save(...args: Parameters<typeof acceptances.save>) {
        await acceptances.save(...args);
        crashPoint('effects.recalculation-subject-moved');
      },
    },
  };
}
