import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { effectPorts } from '#adapters/effects-composition.ts';
import { s3DocumentStore } from '#adapters/document-store.ts';
import { MAX_ATTACHED_BYTES, sendMail } from '#effects/send-mail.ts';
import { sentMails, startTestStack } from '../../support/local-stack.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pdfOf = (n: number) => Buffer.concat([Buffer.from(`%PDF-1.7\n% part ${n}\n`), Buffer.alloc(2 * 1024 * 1024 - 32, n)]);

describe('sendMail with stored documents', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.stop());

  it('attaches documents while they fit in one e-mail and links the rest with a link that reads the same bytes', async () => {
    // Arrange: four 2 MiB documents, more than one message holds.
    const bytes = [1, 2, 3, 4].map(pdfOf);
    const documents = await Promise.all(bytes.map((content, n) => s3DocumentStore.put(content, { fileName: `part-${n + 1}.pdf`, contentType: 'application/pdf' })));
    expect(documents.reduce((sum, document) => sum + document.size, 0)).toBeGreaterThan(MAX_ATTACHED_BYTES);
    // Act
    const outcome = await sendMail(
      { messageId: 'docs-1', purpose: 'escalation-letter', to: ['quality@gov.kz'], subject: 'Documents', text: 'See attached.', documents },
      effectPorts(),
    );
    // Assert
    expect(outcome).toBe('sent');
    const [mail] = (await sentMails(stack.sesEndpoint)).filter((candidate) => candidate.subject === 'Documents');
    expect(mail?.attachments.map((attachment) => sha256(Buffer.from(attachment.content, 'base64')))).toEqual(bytes.slice(0, 3).map(sha256));
    const link = /part-4\.pdf \(SHA-256 ([0-9a-f]{64}), \d+ B\): (\S+)/.exec(mail?.body.text ?? '');
    expect(link?.[1]).toBe(sha256(bytes[3]!));
    const fetched = await fetch(link![2]!);
    expect(fetched.status).toBe(200);
    expect(sha256(Buffer.from(await fetched.arrayBuffer()))).toBe(sha256(bytes[3]!));
  });
});
