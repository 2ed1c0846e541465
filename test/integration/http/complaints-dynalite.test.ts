import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { apiClient, createTestKey, startTestStack } from '../../support/local-stack.ts';
import { signedDocument } from '../../support/cms.ts';
import { newBody, testBin } from '../../support/fixtures.ts';

const providerId = testBin(1410);

/** The complaint routes on dynalite (`npm start`'s store): effects from the pending index, month listings, the §18 counts. */
describe('complaints on dynalite', () => {
  let stack: LocalStack;
  let admin: ReturnType<typeof apiClient>;
  let operator: ReturnType<typeof apiClient>;
  let provider: ReturnType<typeof apiClient>;
  const signed = signedDocument('Жалоба\n', '/C=KZ/CN=ИВАНОВ ИВАН/serialNumber=IIN900101300456');
  const complaint = (portalNumber: string, receivedAt: string) => ({
    portalNumber,
    bodyId: providerId,
    addressedTo: 'service_provider',
    category: 'staff_action_inaction',
    serviceCode: '00501002',
    serviceName: 'Регистрация по месту жительства',
    complainant: { fullName: 'Иванов Иван', phone: '+77051112233' },
    receivedAt,
    document: { fileName: 'complaint.p7s', contentType: 'application/pkcs7-signature', contentBase64: signed.toString('base64') },
  });

  beforeAll(async () => {
    stack = await startTestStack({ store: 'dynalite' });
    admin = apiClient(stack.url, stack.adminKey);
    operator = apiClient(stack.url, await createTestKey('ucc_operator'));
    expect((await admin('POST', '/v1/bodies', { body: newBody(providerId, 'service_provider') })).status).toBe(201);
    provider = apiClient(stack.url, await createTestKey('provider', providerId));
  });
  afterAll(async () => {
    await admin?.('POST', '/local/clock', { body: { now: null } });
    await stack?.stop();
  });

  it('registers, lists by month, and counts a late outcome as the provider’s violation', async () => {
    // Arrange: Tuesday 29 December 2026; the period runs over New Year to Friday 8 January 2027
    expect((await admin('POST', '/local/clock', { body: { now: '2026-12-29T12:00:00+05:00' } })).status).toBe(200);
    const december = await operator('POST', '/v1/complaints', { body: complaint('ZT-D-1', '2026-12-29T10:00:00+05:00') });
    const earlier = await operator('POST', '/v1/complaints', { body: complaint('ZT-D-0', '2026-12-28T10:00:00+05:00') });
    expect(december.status).toBe(201);
    expect(december.body.reviewPeriod).toMatchObject({ dueDate: '2027-01-08', workingDays: 5 });
    expect(december.body.document.signers[0].subject).toBe('C=KZ, CN=ИВАНОВ ИВАН, serialNumber=IIN900101300456');
    expect(earlier.body.reviewPeriod.dueDate).toBe('2027-01-06');
    // Act: the outcome on Monday 11 January 2027
    expect((await admin('POST', '/local/clock', { body: { now: '2027-01-11T10:00:00+05:00' } })).status).toBe(200);
    const late = await provider('POST', `/v1/complaints/${december.body.id}/outcome`, { body: { decision: 'rejected', summary: 'Оснований нет' } });
    // Assert
    expect(late.status).toBe(200);
    expect(late.body.outcome.inTime).toBe(false);
    const listed = await operator('GET', '/v1/complaints?month=2026-12');
    expect(listed.body.items.map((item: { portalNumber: string; status: string }) => [item.portalNumber, item.status])).toEqual([
      ['ZT-D-1', 'resolved'],
      ['ZT-D-0', 'open'],
    ]);
    const january = await operator('GET', '/v1/complaint-violations?month=2027-01');
    expect(january.body).toMatchObject({ total: 1, byKind: { service_provider: 1 }, byBody: [{ bodyId: providerId, violations: 1 }] });
    await expect(provider('GET', `/v1/complaints/${december.body.id}`).then((response) => response.body.complainant)).resolves.toMatchObject({ fullName: 'И*** И***', masked: true });
  });
});
