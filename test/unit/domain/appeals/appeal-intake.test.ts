import { describe, expect, it } from 'vitest';
import { appealInput } from '../../../support/fixtures.ts';
import { appealView, type Appeal, type AppealInput } from '#domain/appeals/appeal.ts';
import {
  aggregateAppeals,
  APPEAL_COUNTER_SHARDS,
  incrementsOf,
  parseAppealItems,
  planAppeals,
  shardOf,
  sumAppealCounts,
  type ParsedAppeal,
  type StoredAppealState,
} from '#domain/appeals/appeal-intake.ts';
import { countAppealBatch } from '#domain/appeals/count-appeal-batch.ts';
import type { AppealCounterWriter } from '#domain/appeals/appeal-port.ts';

const bodyId = '010000000607';
const appeal = (id: string, extra: Record<string, unknown> = {}) => appealInput(id, bodyId, extra);
/** The parsed appeal of a valid item. */
const inputOf = (item: ParsedAppeal | undefined): AppealInput => {
  if (item === undefined || !('appeal' in item)) throw new Error('not a valid item');
  return item.appeal;
};
const nothingStored: StoredAppealState = { appeals: new Map(), bodies: new Set([bodyId]), countedBatches: new Set() };
const context = { batchId: 'b-2', actor: 'client-1', now: new Date('2026-08-03T06:00:00Z') };

describe('parseAppealItems', () => {
  it('names each bad field of an item as items[i].field, and an unknown member by itself', () => {
    const parsed = parseAppealItems([appeal('A-1'), appeal('A-2', { channel: 'fax', colour: 'red' }), { ...appeal('A-3'), contact: { fullName: 'Әлия' } }]);
    expect(parsed[0]).toMatchObject({ index: 0, appeal: { id: 'A-1', occurredAt: '2026-08-03T05:00:00.000Z' } });
    expect(parsed[1]).toEqual({
      index: 1,
      errors: expect.arrayContaining([
        { field: 'items[1].channel', message: expect.stringMatching(/^must be one of phone_1414, email/) },
        { field: 'items[1].colour', message: 'is not a member of this request' },
      ]),
    });
    expect(parsed[2]).toEqual({ index: 2, errors: [{ field: 'items[2].contact.phone', message: 'must give a phone or an e-mail' }] });
  });
});

describe('planAppeals', () => {
  it('accepts new appeals, answers a stored id or a repeat within the push as a duplicate, and refuses an unknown body or a future instant', () => {
    const stored: Appeal = { ...inputOf(parseAppealItems([appeal('A-0')])[0]), recordedAt: '2026-08-01T00:00:00.000Z', recordedBy: 'c', batchId: 'b-1' };
    const plan = planAppeals(
      parseAppealItems([appeal('A-1'), appeal('A-0', { topic: 'other' }), appeal('A-1'), appeal('A-3', { bodyId: '999999999999' }), appeal('A-4', { occurredAt: '2026-08-03T06:06:00Z' }), appeal('A-5', { occurredAt: '2026-08-03T06:04:59Z' })]),
      { ...nothingStored, appeals: new Map([['A-0', stored]]), countedBatches: new Set(['b-1']) },
      context,
    );
    expect(plan.outcomes.map((item) => item.outcome)).toEqual(['accepted', 'duplicate', 'duplicate', 'rejected', 'rejected', 'accepted']);
    expect(plan.outcomes[1]).toMatchObject({ appeal: { topic: 'pension', batchId: 'b-1' } });
    expect(plan.outcomes[3]).toMatchObject({ errors: [{ field: 'items[3].bodyId', message: 'no body 999999999999 is registered' }] });
    expect(plan.outcomes[4]).toMatchObject({ errors: [{ field: 'items[4].occurredAt', message: 'must not be in the future' }] });
    expect(plan.appeals.map((item) => [item.id, item.batchId, item.recordedBy])).toEqual([
      ['A-1', 'b-2', 'client-1'],
      ['A-5', 'b-2', 'client-1'],
    ]);
    // Only the accepted ones are counted: the stored duplicate was counted by its own push.
    expect(plan.counts).toHaveLength(1);
    expect(plan.counts[0]?.total).toBe(2);
    expect(plan.recounts).toEqual([]);
  });

  it('counts a stored appeal again only when its push never wrote its counting record (it failed before)', () => {
    const stored: Appeal = { ...inputOf(parseAppealItems([appeal('A-0')])[0]), recordedAt: '2026-08-01T00:00:00.000Z', recordedBy: 'c', batchId: 'b-1' };
    const plan = planAppeals(parseAppealItems([appeal('A-0'), appeal('A-0')]), { ...nothingStored, appeals: new Map([['A-0', stored]]) }, context);
    expect(plan.outcomes.map((item) => item.outcome)).toEqual(['duplicate', 'duplicate']);
    expect(plan.appeals).toEqual([]);
    expect(plan.counts.map((counts) => counts.total)).toEqual([1]);
    expect(plan.recounts).toEqual(['b-1']);
  });
});

describe('aggregateAppeals', () => {
  it('counts each distinct value once per push, per quarter on the Almaty calendar (31 March 19:00 UTC is Q2 there)', () => {
    const appeals = parseAppealItems([
      appeal('A-1'),
      appeal('A-2', { channel: 'chat', outcome: 'stage_given' }),
      appeal('A-3', { topic: 'benefits' }),
      appeal('A-4', { occurredAt: '2026-03-31T18:59:59Z' }),
      appeal('A-5', { occurredAt: '2026-03-31T19:00:00Z' }),
    ]).map(inputOf);
    const counts = aggregateAppeals(appeals);
    expect(counts.map((quarter) => [quarter.quarter, quarter.total])).toEqual([
      ['2026-Q1', 1],
      ['2026-Q2', 1],
      ['2026-Q3', 3],
    ]);
    expect(counts[2]?.by).toEqual({
      service: { '00301001': 3 },
      channel: { phone_1414: 2, chat: 1 },
      topic: { pension: 2, benefits: 1 },
      region: { almaty_city: 3 },
      outcome: { consulted: 2, stage_given: 1 },
      body: { [bodyId]: 3 },
    });
    // One increment per distinct value (and the total), not one per appeal.
    expect(incrementsOf(counts[2]!)).toHaveLength(1 + 1 + 2 + 2 + 1 + 2 + 1);
  });

  it('sums shards back to the counts of all their pushes', () => {
    const all = parseAppealItems(Array.from({ length: 40 }, (_, index) => appeal(`A-${index}`, { region: `r${index % 3}` }))).map(inputOf);
    const parts = [aggregateAppeals(all.slice(0, 15))[0]!, aggregateAppeals(all.slice(15))[0]!];
    expect(sumAppealCounts('2026-Q3', parts)).toEqual(aggregateAppeals(all)[0]);
  });
});

describe('shardOf', () => {
  it('keeps a batch on one shard and spreads batches over all shards', () => {
    expect(shardOf('lq3x-1a2b3c4d')).toBe(shardOf('lq3x-1a2b3c4d'));
    const used = new Set(Array.from({ length: 200 }, (_, index) => shardOf(`batch-${index}`)));
    expect([...used].sort()).toEqual(Array.from({ length: APPEAL_COUNTER_SHARDS }, (_, shard) => shard));
  });
});

describe('countAppealBatch', () => {
  it('adds each quarter of a push to the batch’s shard under a token of batch and quarter', async () => {
    const calls: [string, number, string, number, string][] = [];
    const writer: AppealCounterWriter = {
      add: async (quarter, shard, token, increments, recordedAt) => {
        calls.push([quarter, shard, token, increments.length, recordedAt]);
        return { applied: 1, skipped: 0 };
      },
    };
    const appeals = parseAppealItems([appeal('A-1'), appeal('A-2', { occurredAt: '2026-10-01T10:00:00+05:00' })]).map(inputOf);
    await countAppealBatch({ batchId: 'b-9', counts: aggregateAppeals(appeals) }, writer, '2026-10-02T04:00:00.000Z');
    expect(calls).toEqual([
      ['2026-Q3', shardOf('b-9'), 'b-9#2026-Q3', 7, '2026-10-02T04:00:00.000Z'],
      ['2026-Q4', shardOf('b-9'), 'b-9#2026-Q4', 7, '2026-10-02T04:00:00.000Z'],
    ]);
  });
});

describe('appealView', () => {
  it('shows the appellant’s contact whole to the UCC and masked to a body', () => {
    const [parsed] = parseAppealItems([appeal('A-1', { contact: { fullName: 'Әлия Серікова', phone: '+77012345678' } })]);
    const stored: Appeal = { ...inputOf(parsed), recordedAt: '2026-08-03T06:00:00.000Z', recordedBy: 'c', batchId: 'b' };
    expect(appealView(stored, { role: 'ucc_operator' }).contact).toEqual({ fullName: 'Әлия Серікова', phone: '+77012345678' });
    expect(appealView(stored, { role: 'body' }).contact).toEqual({ fullName: 'Ә*** С***', phone: '+7***78', masked: true });
    expect(appealView({ ...stored, contact: undefined } as never, { role: 'body' })).not.toHaveProperty('contact');
  });
});
