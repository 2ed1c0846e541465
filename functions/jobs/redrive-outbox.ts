import { scheduledJob } from '#jobs/scheduled-job.ts';
import { effectPorts } from '#adapters/effects-composition.ts';
import { redrivePending } from '#effects/finish-pending-work.ts';

/**
 * The backstop of the effects function (docs/design.md "Storage"): finishes the work of every item
 * still marked pending a minute after its write — a record the stream gave up on, a crash.
 */
export const handler = scheduledJob('redrive-outbox', async () => redrivePending(effectPorts()));
