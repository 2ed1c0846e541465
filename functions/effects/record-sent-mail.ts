import { logger } from '#commons/logger.ts';
import type { Clock } from '#domain/ports.ts';
import type { MailLedger } from './effect-ports.ts';
import { reportedSendOf, type MailSentEvent } from './mail-sent-event.ts';

export type SentMailOutcome = 'marked' | 'unchanged' | 'not-ours';

/**
 * SES reported a send (an Email Sent event): the ledger is marked `sent` for its message id, so
 * a claim whose sender died after SES took the message — killed inside SendEmail, or before its
 * own mark — is refused when its lease runs out, and no second copy goes out (issue 17 §3).
 * Idempotent (EventBridge delivers at least once) and never a downgrade: a record already sent
 * or rejected keeps its outcome. A store error is thrown, so EventBridge retries the event.
 */
export async function recordSentMail(event: MailSentEvent, ports: { mailLedger: Pick<MailLedger, 'confirmSent'>; clock: Clock }): Promise<SentMailOutcome> {
  const send = reportedSendOf(event);
  if (send === undefined) return 'not-ours';
  const marked = await ports.mailLedger.confirmSent(send.messageId, send.providerMessageId, send.at ?? ports.clock.now());
  // Ids only: the message id derives from its event, the recipients stay out of the log.
  if (marked) logger.info('mail marked sent from its SES send event', { messageId: send.messageId });
  return marked ? 'marked' : 'unchanged';
}
