import { countAppealBatch } from '#domain/appeals/count-appeal-batch.ts';
import type { Effect } from './effect.ts';

/** AppealsRecorded: the push's counts added to its quarters' counters, once (a re-run adds nothing). */
export const countAppeals: Effect = {
  name: 'count-appeals',
  cite: '§13–§14: appeals counted per quarter by service, channel, topic, region, outcome and body',
  run: (event, ports) => countAppealBatch(event.data, ports.appealCounters).then(() => undefined),
};
