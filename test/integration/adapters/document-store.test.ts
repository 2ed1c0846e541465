import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3DocumentStore } from '#adapters/document-store.ts';
import { closeScenario, openBodyScenario, settled, type BodyScenario } from '../../support/local-stack.ts';
import { testBin } from '../../support/fixtures.ts';

const bodyId = testBin(930);
const pdf = (label: string) => Buffer.from(`%PDF-1.7\n% ${label}\n%%EOF\n`);

describe('s3DocumentStore on s3rver: drafts until a committed record names them', () => {
  let scenario: BodyScenario;
  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
  });
  afterAll(async () => closeScenario(scenario));

  it('stores new bytes as a draft, which the lifecycle would delete', async () => {
    // Act
    const stored = await s3DocumentStore.put(pdf('orphan'), { fileName: 'orphan.pdf', contentType: 'application/pdf' });
    // Assert
    expect(stored.sha256).toBe(createHash('sha256').update(pdf('orphan')).digest('hex'));
    expect(await s3DocumentStore.state(stored.sha256)).toBe('draft');
    expect((await s3DocumentStore.get(stored.sha256))?.bytes.equals(pdf('orphan'))).toBe(true);
  });

  it('keeps the documents of a committed request, and the same bytes uploaded again stay kept', async () => {
    // Arrange / Act
    const attachment = { fileName: 'kept.pdf', contentType: 'application/pdf', contentBase64: pdf('kept').toString('base64') };
    const asked = await scenario.operator('POST', '/v1/information-requests', { body: { bodyId, question: 'Q', attachments: [attachment] } });
    expect(asked.status).toBe(201);
    await settled();
    const sha256 = asked.body.attachments[0].sha256 as string;
    // Assert
    expect(await s3DocumentStore.state(sha256)).toBe('kept');
    await s3DocumentStore.put(pdf('kept'), { fileName: 'again.pdf', contentType: 'application/pdf' });
    expect(await s3DocumentStore.state(sha256)).toBe('kept');
  });
});
