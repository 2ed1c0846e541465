import { mailEventPorts } from '#adapters/mail-events-composition.ts';
import type { MailSentEvent } from './mail-sent-event.ts';
import { recordSentMail, type SentMailOutcome } from './record-sent-mail.ts';

let ports: ReturnType<typeof mailEventPorts> | undefined;

/**
 * The mail-sent function (MAIL_SENT_FUNCTION): the target of the EventBridge rule on the
 * configuration set's Email Sent events; the local stack's SES poller calls it alike.
 */
export const handler = async (event: MailSentEvent): Promise<{ outcome: SentMailOutcome }> => {
  ports ??= mailEventPorts();
  return { outcome: await recordSentMail(event, ports) };
};
