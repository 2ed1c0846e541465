import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { getConfig } from '#commons/config.ts';
import type { Mailer, OutgoingMail } from '#domain/ports.ts';
import { messageIdMarks } from '#effects/mail-sent-event.ts';

let client: SESv2Client | undefined;

/** The one SES client of the process (its middleware stack is where the reliability suite injects faults). */
export function ses(): SESv2Client {
  if (client === undefined) {
    const config = getConfig();
    client = new SESv2Client({
      region: config.AWS_REGION,
      ...(config.SES_ENDPOINT === undefined
        ? {}
        : { endpoint: config.SES_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    });
  }
  return client;
}

/** A message that no retry can send (no or invalid recipients, or SES rejected its content). */
export class MailRejectedError extends Error {
  override readonly name = 'MailRejectedError';
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/**
 * SES v2 SendEmail (Simple content; attachments for reports). Addresses are checked first:
 * the local SES emulator accepts anything. A ledger message carries its id as an email tag and
 * a header, in the app's configuration set (when one is set): SES's Email Sent event then names
 * it, and marks the ledger even if this process dies before it can (effects/mail-sent-event.ts).
 */
export const sesMailer: Mailer = {
  async send(mail: OutgoingMail) {
    const recipients = [...mail.to, ...(mail.cc ?? [])];
    if (mail.to.length === 0 || recipients.some((address) => !EMAIL.test(address))) {
      throw new MailRejectedError('mail has no recipient or an invalid address');
    }
    const config = getConfig();
    const marks = mail.messageId === undefined ? undefined : messageIdMarks(mail.messageId);
    const result = await ses().send(
      new SendEmailCommand({
        FromEmailAddress: config.MAIL_FROM,
        Destination: { ToAddresses: mail.to, ...(mail.cc?.length ? { CcAddresses: mail.cc } : {}) },
        ...(config.SES_CONFIGURATION_SET === undefined ? {} : { ConfigurationSetName: config.SES_CONFIGURATION_SET }),
        ...(marks === undefined || marks.tags.length === 0 ? {} : { EmailTags: marks.tags }),
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: mail.text, Charset: 'UTF-8' },
              ...(mail.html === undefined ? {} : { Html: { Data: mail.html, Charset: 'UTF-8' } }),
            },
            ...(mail.attachments?.length
              ? {
                  Attachments: mail.attachments.map((attachment) => ({
                    FileName: attachment.fileName,
                    ContentType: attachment.contentType,
                    RawContent: Buffer.from(attachment.content, 'base64'),
                  })),
                }
              : {}),
            ...(marks === undefined ? {} : { Headers: marks.headers }),
          },
        },
      }),
    );
    return { providerMessageId: result.MessageId ?? 'unknown' };
  },
};
