import { describe, expect, it } from 'vitest';
import type { StageEvent } from '#domain/stages/service-stage.ts';
import { parseStageItems, planStageEvents, stageEventKey, type StoredStageState } from '#domain/stages/stage-events.ts';

const bodyId = '010000000607';
const now = new Date('2026-03-20T10:00:00+05:00');
const context = { bodyId, actor: 'provider-client', now };
const item = (applicationNumber: string, stage: string, occurredAt: string, extra: Record<string, unknown> = {}) => ({
  applicationNumber,
  serviceCode: '00301001',
  stage,
  occurredAt,
  ...extra,
});
const nothingStored: StoredStageState = { applications: new Map(), events: new Map() };

describe('parseStageItems', () => {
  it('names each bad field of each item by its place in the batch', () => {
    const parsed = parseStageItems([
      item('A-1', 'received', '2026-03-20T09:00:00+05:00'),
      item('A-2', 'received', 'yesterday'),
      'not an event',
      { ...item('A-3', 'done', '2026-03-20T09:00:00+05:00'), colour: 'red' },
    ]);
    const fields = parsed.map((entry) => ('errors' in entry ? entry.errors.map((error) => error.field).sort() : 'ok'));
    expect(fields).toEqual(['ok', ['items[1].occurredAt'], ['items[2]'], ['items[3].colour', 'items[3].stage']]);
  });
});

describe('planStageEvents (§16)', () => {
  it('accepts new events, recording who sent them and when, and each new application once with its service', () => {
    const plan = planStageEvents(parseStageItems([item('A-1', 'received', '2026-03-20T09:00:00+05:00'), item('A-1', 'in_review', '2026-03-20T09:30:00+05:00')]), nothingStored, context);
    expect(plan.outcomes.map((outcome) => outcome.outcome)).toEqual(['accepted', 'accepted']);
    expect(plan.events[0]).toMatchObject({ bodyId, recordedBy: 'provider-client', recordedAt: now.toISOString(), occurredAt: '2026-03-20T04:00:00.000Z' });
    expect(plan.applications).toEqual([{ bodyId, applicationNumber: 'A-1', serviceCode: '00301001', createdAt: now.toISOString() }]);
  });

  it('answers a stored event as a duplicate with the event as first recorded, and writes nothing for it', () => {
    const [first] = planStageEvents(parseStageItems([item('A-1', 'received', '2026-03-20T09:00:00+05:00', { note: 'first' })]), nothingStored, context).events as [StageEvent];
    const stored: StoredStageState = { applications: new Map([['A-1', '00301001']]), events: new Map([[stageEventKey(first), first]]) };
    // The same stage at the same instant, written with another offset and another note.
    const again = planStageEvents(parseStageItems([item('A-1', 'received', '2026-03-20T04:00:00Z', { note: 'second' })]), stored, context);
    expect(again.outcomes).toEqual([{ index: 0, outcome: 'duplicate', event: first }]);
    expect(again.events).toEqual([]);
    expect(again.applications).toEqual([]);
  });

  it('keeps the first of two equal events in one batch and answers the second as its duplicate', () => {
    const plan = planStageEvents(parseStageItems([item('A-1', 'received', '2026-03-20T09:00:00+05:00', { note: 'one' }), item('A-1', 'received', '2026-03-20T09:00:00+05:00', { note: 'two' })]), nothingStored, context);
    expect(plan.outcomes.map((outcome) => outcome.outcome)).toEqual(['accepted', 'duplicate']);
    expect(plan.events.map((event) => event.note)).toEqual(['one']);
  });

  it('refuses an event of a stored application under another service, and one that contradicts an earlier item, naming serviceCode', () => {
    const stored: StoredStageState = { applications: new Map([['A-1', '00301001']]), events: new Map() };
    const plan = planStageEvents(
      parseStageItems([item('A-1', 'in_review', '2026-03-20T09:00:00+05:00', { serviceCode: '00999' }), item('B-2', 'received', '2026-03-20T09:00:00+05:00'), item('B-2', 'in_review', '2026-03-20T09:10:00+05:00', { serviceCode: '00999' })]),
      stored,
      context,
    );
    expect(plan.outcomes).toEqual([
      { index: 0, outcome: 'rejected', conflict: true, errors: [{ field: 'items[0].serviceCode', message: 'application A-1 is for service 00301001' }] },
      expect.objectContaining({ index: 1, outcome: 'accepted' }),
      { index: 2, outcome: 'rejected', conflict: true, errors: [{ field: 'items[2].serviceCode', message: 'application B-2 is for service 00301001' }] },
    ]);
    expect(plan.applications.map((application) => application.applicationNumber)).toEqual(['B-2']);
  });

  it('takes an instant up to 5 minutes ahead of the clock and refuses one further ahead', () => {
    const plan = planStageEvents(parseStageItems([item('A-1', 'received', '2026-03-20T10:05:00+05:00'), item('A-1', 'in_review', '2026-03-20T10:05:00.001+05:00')]), nothingStored, context);
    expect(plan.outcomes).toEqual([
      expect.objectContaining({ outcome: 'accepted' }),
      { index: 1, outcome: 'rejected', errors: [{ field: 'items[1].occurredAt', message: 'must not be in the future' }] },
    ]);
  });

  it('names fields the way its caller names them (the single-event route: body.<field>)', () => {
    const plan = planStageEvents(parseStageItems([item('A-1', 'received', '2026-03-21T10:00:00+05:00')]), nothingStored, { ...context, fieldOf: () => 'body' });
    expect(plan.outcomes[0]).toMatchObject({ errors: [{ field: 'body.occurredAt' }] });
  });
});
