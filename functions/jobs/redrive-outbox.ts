import { scheduledJob } from '#commons/jobs.ts';
import { systemClock } from '#adapters/clock.ts';
import { redrivePending } from '#adapters/pending-work.ts';
import { sesMailer } from '#adapters/ses-mailer.ts';

/** Finishes audit copies and e-mail a crash left pending (DESIGN.md "Storage"). */
export const handler = scheduledJob('redrive-outbox', async () => redrivePending(sesMailer, systemClock));
