import { describe, expect, it } from 'vitest';
import { deadlineQueryOf } from '#domain/deadlines/list-deadlines.ts';
import type { Principal } from '#domain/access/roles.ts';

const operator: Principal = { clientId: 'c-op', role: 'ucc_operator' };
const body: Principal = { clientId: 'c-body', role: 'body', bodyId: 'b-1' };
const now = new Date('2026-03-24T04:00:00Z');

describe('deadlineQueryOf', () => {
  it('lists open deadlines past due at now, in Almaty notation, for overdue', () => {
    expect(deadlineQueryOf({ status: 'overdue', limit: 10 }, operator, now)).toEqual({
      status: 'open',
      limit: 10,
      overdueAt: '2026-03-24T09:00:00.000+05:00',
    });
  });

  it('passes a stored status, body, cursor and dueBefore (in Almaty notation) through', () => {
    expect(
      deadlineQueryOf({ status: 'met', limit: 5, cursor: 'abc', bodyId: 'b-2', dueBefore: '2026-04-01T00:00:00Z' }, operator, now),
    ).toEqual({ status: 'met', limit: 5, cursor: 'abc', bodyId: 'b-2', dueBefore: '2026-04-01T05:00:00.000+05:00' });
  });

  it('scopes a body-bound client to its own body', () => {
    expect(deadlineQueryOf({ status: 'open', limit: 50 }, body, now)).toEqual({ status: 'open', limit: 50, bodyId: 'b-1' });
    expect(deadlineQueryOf({ status: 'open', limit: 50, bodyId: 'b-1' }, body, now)).toEqual({ status: 'open', limit: 50, bodyId: 'b-1' });
  });

  it('gives a body-bound client asking for another body nothing to query', () => {
    expect(deadlineQueryOf({ status: 'open', limit: 50, bodyId: 'b-2' }, body, now)).toBeUndefined();
  });
});
