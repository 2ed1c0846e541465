import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { effectPorts } from '#adapters/effects-composition.ts';
import { dynamoResponsiblePersonStore } from '#adapters/responsible-person-store.ts';
import { domainEvent } from '#domain/events.ts';
import type { StepAppointment } from '#domain/directory/appoint-responsible-person.ts';
import { recordResponsiblePerson } from '#effects/record-responsible-person.ts';
import { testBin } from '../../support/fixtures.ts';
import { startTestStack } from '../../support/local-stack.ts';

const bodyId = testBin(880);
const appointment = (n: number, kind: 'appointed' | 'replaced'): StepAppointment => ({
  target: { bodyId, scope: 'service:RP-9', serviceCode: 'RP-9' },
  person: {
    fullName: `Person ${n}`,
    position: 'Specialist',
    email: `p${n}@akimat.gov.kz`,
    phone: '+77015550000',
    appointedOn: '2026-03-20',
    recordedAt: '2026-03-20T05:00:00.000Z',
    recordedBy: 'client-1',
    acceptanceId: `acc-${bodyId}-x`,
  },
  plan: { kind },
});
const stepEvent = (n: number, kind: 'appointed' | 'replaced') =>
  domainEvent('ResponsiblePersonAppointed', { type: 'Acceptance', id: `acc-${bodyId}-x` }, 'client-1', '2026-03-20T05:00:00.000Z', {
    replaced: kind === 'replaced',
    appointment: appointment(n, kind),
  });

describe('recordResponsiblePerson (effect)', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.stop());

  it('records each step’s person once however often it runs, and ignores the body route’s own events', async () => {
    // Arrange
    const first = stepEvent(1, 'appointed');
    const second = stepEvent(2, 'replaced');
    const ownRoute = domainEvent('ResponsiblePersonAppointed', { type: 'Body', id: bodyId }, 'client-1', first.at, { bodyId, scope: 'body' });
    // Act: the stream and the re-drive may both run an event.
    for (const event of [first, first, second, ownRoute, second]) await recordResponsiblePerson.run(event, effectPorts());
    // Assert
    const record = await dynamoResponsiblePersonStore.get(bodyId, 'service:RP-9');
    expect(record?.current.fullName).toBe('Person 2');
    expect(record?.history.map((entry) => entry.fullName)).toEqual(['Person 1']);
    expect(record?.version).toBe(2);
    expect(await dynamoResponsiblePersonStore.get(bodyId, 'body')).toBeUndefined();
  });
});
