import { logger } from '#commons/logger.ts';
import type { OutboxMessage } from '#domain/ports.ts';
import type { EffectPorts } from './effect.ts';
import { isTransientDependencyError } from '#commons/transient.ts';
import { crashPoint } from '#commons/crash-point.ts';

/**
 * The ledger's record of a send that already happened (or certainly did not): retried past the
 * SDK's own attempts while the store is throttled or failing, since giving up leaves the claim
 * to its lease — a 5-minute delay after a failed send, and a second copy after a sent one
 * (issue 17 §6: SES or the store failing must not send anything twice).
 */
async function recordPersistently(write: () => Promise<void>, attempts = 8): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await write();
      return;
    } catch (error) {
      if (attempt >= attempts || !isTransientDependencyError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 3_000) * (0.5 + Math.random() / 2)));
    }
  }
}

export type SendOutcome = 'sent' | 'already-sent' | 'leased' | 'rejected';

/** Never sendable: no or invalid recipients (checked before SES), or SES rejected the message. */
const rejected = (error: unknown): boolean => ['MailRejectedError', 'MessageRejected'].includes((error as Error | undefined)?.name ?? '');

/** Errors raised before a connection to SES existed: the request never left. */
const NOT_CONNECTED = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];

/** SES answered with an error, or was never reached: the message was certainly not accepted. */
const certainlyNotSent = (error: unknown): boolean => {
  const failure = error as { $metadata?: { httpStatusCode?: number }; code?: string; cause?: { code?: string } } | undefined;
  return (
    typeof failure?.$metadata?.httpStatusCode === 'number' ||
    NOT_CONNECTED.includes(failure?.code ?? '') ||
    NOT_CONNECTED.includes(failure?.cause?.code ?? '')
  );
};

/** What one message may attach in all (SES v2 takes 40 MB a message, base64 included; kept well below). */
export const MAX_ATTACHED_BYTES = 7 * 1024 * 1024;

/** How long a link to a document too large to attach stays valid (S3 presigned URLs: at most 7 days). */
export const DOCUMENT_LINK_SECONDS = 7 * 24 * 3600;

/**
 * The message with its stored documents attached, in order, while they fit; those that do not
 * are linked instead, each link valid for 7 days, with the document's SHA-256 to check it by.
 */
async function withDocuments(message: OutboxMessage, ports: Partial<Pick<EffectPorts, 'documents'>>): Promise<OutboxMessage> {
  if (message.documents === undefined || message.documents.length === 0) return message;
  if (ports.documents === undefined) throw new Error('documents port missing for a message with documents');
  const { documents, ...mail } = message;
  const attachments = [...(mail.attachments ?? [])];
  const left: string[] = [];
  let total = 0;
  for (const document of documents) {
    const stored = total + document.size <= MAX_ATTACHED_BYTES ? await ports.documents.get(document.sha256) : undefined;
    if (stored === undefined) {
      left.push(`${document.fileName} (SHA-256 ${document.sha256}, ${document.size} B): ${await ports.documents.link(document.sha256, DOCUMENT_LINK_SECONDS)}`);
      continue;
    }
    total += document.size;
    attachments.push({ fileName: document.fileName, contentType: document.contentType, content: stored.bytes.toString('base64') });
  }
  const note =
    left.length === 0 ? '' : `\n\nҮлкен құжаттар, сілтеме 7 күн жарамды / Крупные документы, ссылка действует 7 дней:\n${left.join('\n')}`;
  return { ...mail, text: `${mail.text}${note}`, attachments };
}

/**
 * Sends one outbox message at most once: claim it in the mail ledger, send, mark sent. SES has
 * no idempotency token, so a crash between SES accepting it and the 'sent' mark (or inside the
 * SendEmail call) leaves the claim leased; SES's Email Sent event, which names the message by
 * the id the mailer tags it with, marks the ledger instead (record-sent-mail.ts), and the claim
 * after the lease then finds it sent. A send SES refused, or one that never reached SES, gives
 * its claim back, so the retry need not wait for the lease.
 */
export async function sendMail(
  message: OutboxMessage,
  ports: Pick<EffectPorts, 'mailer' | 'mailLedger' | 'clock'> & Partial<Pick<EffectPorts, 'documents'>>,
): Promise<SendOutcome> {
  const claim = await ports.mailLedger.claim(message, ports.clock.now());
  if (claim !== 'claimed') return claim;
  let providerMessageId: string;
  try {
    ({ providerMessageId } = await ports.mailer.send(await withDocuments(message, ports)));
  } catch (error) {
    if (rejected(error)) {
      // Retrying cannot help: recorded as rejected (and logged), the rest of the work goes on.
      await ports.mailLedger.markRejected(message.messageId, (error as Error).name, ports.clock.now());
      logger.error('mail rejected', { messageId: message.messageId, purpose: message.purpose, error: (error as Error).name });
      return 'rejected';
    }
    if (certainlyNotSent(error)) await recordPersistently(() => ports.mailLedger.release(message.messageId));
    throw error;
  }
  crashPoint('effects.mail-accepted');
  await recordPersistently(() => ports.mailLedger.markSent(message.messageId, providerMessageId, ports.clock.now()));
  logger.info('mail sent', { messageId: message.messageId, purpose: message.purpose });
  return 'sent';
}
