import { systemClock } from './clock.ts';
import { dynamoMailLedger } from './mail-ledger.ts';

/**
 * What the mail-sent function (functions/effects/handle-mail-sent.ts) receives: the mail ledger
 * and the clock, nothing else, so its bundle carries the DynamoDB client only.
 */
export const mailEventPorts = () => ({ mailLedger: dynamoMailLedger, clock: systemClock });
