import { mapBounded } from '#domain/map-bounded.ts';
import { logger } from '#commons/logger.ts';
import { crashPoint } from '#commons/crash-point.ts';
import type { EffectPorts } from './effect.ts';
import type { PendingItem } from './effect-ports.ts';
import { effectsOf, OUTBOX_SENDER } from './effects.ts';

export interface FinishResult {
  events: number;
  sent: number;
  skipped: number;
  cleared: boolean;
}

/**
 * Finishes what one committed write left to do (the effects table, in order), then clears its
 * pending marks. Safe to run any number of times: each effect is idempotent and each message is
 * sent once. Throws when an effect fails, leaving the marks for the retry.
 */
export async function finishPendingWork(item: PendingItem, ports: EffectPorts): Promise<FinishResult> {
  const events = item.pendingEvents ?? [];
  const messages = item.outbox ?? [];
  for (const event of events) {
    for (const effect of effectsOf(event.type)) await effect.run(event, ports);
  }
  let sent = 0;
  let skipped = 0;
  let leased = 0;
  for (const message of messages) {
    const outcome = await OUTBOX_SENDER.send(message, ports);
    if (outcome === 'sent') {
      sent += 1;
      crashPoint('effects.mail-recorded');
    }
    else if (outcome === 'leased') leased += 1;
    else skipped += 1;
  }
  // A message another sender holds (or a crashed one held) is not done: keep the marks so a
  // later re-drive sends it once the lease runs out.
  if (leased > 0) return { events: events.length, sent, skipped, cleared: false };
  return { events: events.length, sent, skipped, cleared: await ports.pending.clear(item) };
}

export interface RedriveResult {
  items: number;
  events: number;
  sent: number;
  skipped: number;
  failed: number;
}

/** Items a re-drive finishes at once: bounded, as a backlog after an outage can be large. */
const REDRIVE_CONCURRENCY = 4;

/**
 * The backstop (scheduled re-drive, and the feeder where the store has no stream): every item
 * still marked pending since before now − graceMs is read and finished. Costs what is pending,
 * not what is stored.
 */
export async function redrivePending(ports: EffectPorts, graceMs = 60_000): Promise<RedriveResult> {
  const cutoff = new Date(ports.clock.now().getTime() - graceMs).toISOString();
  const result: RedriveResult = { items: 0, events: 0, sent: 0, skipped: 0, failed: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ports.pending.listKeys(cutoff, { startKey });
    // The page's items in one batched read, then a few at a time: each item's own work stays in order.
    const items = await ports.pending.readMany(page.keys);
    await mapBounded(items, REDRIVE_CONCURRENCY, async (item) => {
      result.items += 1;
      try {
        const finished = await finishPendingWork(item, ports);
        result.events += finished.events;
        result.sent += finished.sent;
        result.skipped += finished.skipped;
      } catch (error) {
        result.failed += 1;
        logger.error('re-drive failed for an item', { entity: ports.pending.kindOf(String(item.pk)), error: (error as Error).name });
      }
    });
    startKey = page.startKey;
  } while (startKey !== undefined);
  return result;
}
