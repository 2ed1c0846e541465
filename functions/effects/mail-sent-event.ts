/**
 * SES's report of a send, as the product reads it (issue 17 §3: no e-mail sent twice across a
 * crash). Every message the effects send carries its deterministic message id twice: as an SES
 * email tag and as a custom header. The configuration set publishes each send to EventBridge
 * (event type SEND, detail-type "Email Sent"), and the mail-sent function marks the ledger
 * `sent` from it, so a claim whose sender died after SES took the message is refused once its
 * lease runs out instead of sending a second copy. Kept free of adapters: the CDK app and the
 * local stack read it too.
 */

/** The function the "Email Sent" rule invokes (infra/stateless-stack.ts, the local stack's poller). */
export const MAIL_SENT_FUNCTION = {
  name: 'mail-sent',
  entry: 'functions/effects/handle-mail-sent.ts',
  description: "Marks the mail ledger sent from SES's Email Sent events (the configuration set's EventBridge destination)",
  timeoutSeconds: 10,
} as const;

/**
 * What the mail-sent function may write (its IAM policy, infra/stateless-stack.ts): ledger items
 * only (the partition keys of adapters/table-keys.ts mailKey), and only the attributes
 * confirmSent (adapters/mail-ledger.ts) writes.
 */
export const CONFIRM_SENT_ATTRIBUTES = ['pk', 'sk', 'status', 'sentAt', 'providerMessageId', 'confirmedBy', 'leaseUntil'] as const;

/** The EventBridge event SES publishes for a SEND (Amazon EventBridge events reference, "Amazon SES events"). */
export const MAIL_SENT_SOURCE = 'aws.ses';
export const MAIL_SENT_DETAIL_TYPE = 'Email Sent';

/** The SES email tag carrying our message id, encoded (tag values take only [A-Za-z0-9_-], 256 at most). */
export const MESSAGE_ID_TAG = 'ucc-message-id';
/** The custom header carrying it too (SES rewrites a sender's Message-ID, never this one), encoded alike. */
export const MESSAGE_ID_HEADER = 'X-UCC-Message-Id';
/** SES's own tag naming the configuration set of a send: the rule matches only ours. */
export const CONFIGURATION_SET_TAG = 'ses:configuration-set';

const TAG_VALUE_MAX = 256;

/**
 * Our message ids hold `:`, `.` and `+` (ISO instants), which no tag value may: base64url has
 * exactly the tag alphabet, and is a header value as it stands.
 */
export const encodeMessageId = (messageId: string): string => Buffer.from(messageId, 'utf8').toString('base64url');

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The message id an encoded tag or header value carries; undefined for anything else. */
export function decodeMessageId(value: string | undefined): string | undefined {
  if (value === undefined || !BASE64URL.test(value)) return undefined;
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  // Only a value encodeMessageId wrote reads back to itself (no stray bits, no replaced bytes).
  return decoded !== '' && encodeMessageId(decoded) === value ? decoded : undefined;
}

/** What SendEmail carries for a message id: the tag when the encoded id fits one, the header always. */
export function messageIdMarks(messageId: string): { tags: { Name: string; Value: string }[]; headers: { Name: string; Value: string }[] } {
  const value = encodeMessageId(messageId);
  return {
    tags: value.length <= TAG_VALUE_MAX ? [{ Name: MESSAGE_ID_TAG, Value: value }] : [],
    headers: [{ Name: MESSAGE_ID_HEADER, Value: value }],
  };
}

/** The part of the event the product reads (SES event publishing, the `mail` object of a Send record). */
export interface MailSentEvent {
  source?: string;
  'detail-type'?: string;
  time?: string;
  detail?: {
    eventType?: string;
    mail?: {
      timestamp?: string;
      messageId?: string;
      /** Tag name → its values, SES's own (`ses:*`) among them. */
      tags?: Record<string, string[] | undefined>;
      headers?: { name?: string; value?: string }[];
    };
  };
}

/** A send SES reported for a message of ours. */
export interface ReportedSend {
  messageId: string;
  providerMessageId: string;
  /** When SES took it (the event's mail timestamp); undefined when the event names none. */
  at: Date | undefined;
}

/**
 * The send an event reports, or undefined: another event type, a message without our id (a
 * report job's, sent outside the ledger), or a malformed event. The tag first; the header when
 * the id was too long for a tag (the event lists the headers unless SES truncated them).
 */
export function reportedSendOf(event: MailSentEvent): ReportedSend | undefined {
  if (event.source !== MAIL_SENT_SOURCE || event['detail-type'] !== MAIL_SENT_DETAIL_TYPE || event.detail?.eventType !== 'Send') return undefined;
  const mail = event.detail.mail;
  const header = mail?.headers?.find((candidate) => candidate.name?.toLowerCase() === MESSAGE_ID_HEADER.toLowerCase())?.value;
  const messageId = decodeMessageId(mail?.tags?.[MESSAGE_ID_TAG]?.[0]) ?? decodeMessageId(header);
  const providerMessageId = mail?.messageId;
  if (messageId === undefined || typeof providerMessageId !== 'string' || providerMessageId === '') return undefined;
  const at = new Date(mail?.timestamp ?? event.time ?? Number.NaN);
  return { messageId, providerMessageId, at: Number.isNaN(at.getTime()) ? undefined : at };
}
