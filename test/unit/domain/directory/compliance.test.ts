import { describe, expect, it } from 'vitest';
import { factOf, rank, summarize, type RecordedFact } from '#domain/directory/compliance.ts';

const at = '2026-04-01T05:00:00.000Z';
const fact = (bodyId: string, n: number, value: RecordedFact['fact']): RecordedFact => ({ factId: `${bodyId}-${n}`, bodyId, at, fact: value });

describe('factOf (§21)', () => {
  it('records a body’s deadline met or missed, but not the UCC’s own deadlines nor a cancelled one', () => {
    expect(factOf({ type: 'DeadlineClosed', data: { key: 'appointResponsible', status: 'missed' } })).toEqual({ kind: 'deadline', key: 'appointResponsible', status: 'missed' });
    expect(factOf({ type: 'DeadlineClosed', data: { key: 'discrepancyExplanation', status: 'met' } })).toBeUndefined();
    expect(factOf({ type: 'DeadlineClosed', data: { key: 'holdTraining', status: 'cancelled' } })).toBeUndefined();
    expect(factOf({ type: 'InformationRefused', data: { ground: 'state_secret', lawful: true } })).toEqual({ kind: 'refusal', ground: 'state_secret', lawful: true });
    expect(factOf({ type: 'AcceptanceOpened', data: {} })).toBeUndefined();
  });
});

describe('summarize and rank', () => {
  it('counts per step and ground, and ranks by violations, then missed deadlines, then unlawful refusals', () => {
    const facts = [
      fact('A', 1, { kind: 'violation', rule: 'appointResponsible' }),
      fact('A', 2, { kind: 'deadline', key: 'appointResponsible', status: 'missed' }),
      fact('B', 1, { kind: 'violation', rule: 'informationRefusal' }),
      fact('B', 2, { kind: 'refusal', ground: 'other', lawful: false }),
      fact('B', 3, { kind: 'deadline', key: 'appointResponsible', status: 'missed' }),
      fact('C', 1, { kind: 'deadline', key: 'holdTraining', status: 'met' }),
      fact('C', 2, { kind: 'escalation', month: '2026-04' }),
    ];
    expect(summarize(facts.filter((entry) => entry.bodyId === 'B'))).toMatchObject({
      deadlines: { missed: 1, byStep: { appointResponsible: { met: 0, missed: 1 } } },
      refusals: { total: 1, lawful: 0, byGround: { other: 1 } },
    });
    expect(rank(facts).map((entry) => entry.bodyId)).toEqual(['B', 'A', 'C']);
  });
});
