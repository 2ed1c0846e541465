import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/local-stack.ts';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { apiClient, createTestKey, startTestStack } from '../../support/local-stack.ts';

describe('calendar, deadline calculator and rulebook API', () => {
  let stack: LocalStack;
  let admin: ReturnType<typeof apiClient>;
  let operator: ReturnType<typeof apiClient>;
  let body: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    stack = await startTestStack();
    admin = apiClient(stack.url, stack.adminKey);
    operator = apiClient(stack.url, await createTestKey('ucc_operator'));
    body = apiClient(stack.url, await createTestKey('body', 'body-1'));
  });
  afterAll(async () => stack?.stop());

  describe('GET /v1/calendars/KZ/{year}', () => {
    it('serves the seeded year with names, sources and an ETag', async () => {
      const response = await body('GET', '/v1/calendars/KZ/2026');
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"0"');
      expect(response.body.source).toBe('seed');
      const nauryz = response.body.entries.find((entry: { date: string }) => entry.date === '2026-03-23');
      expect(nauryz).toMatchObject({ kind: 'holiday', name: { en: expect.stringMatching(/Nauryz/) } });
      expect(nauryz.source).toMatch(/On holidays/);
      expect(response.body.entries.some((entry: { date: string }) => entry.date === '2026-08-31')).toBe(false);
    });

    it('answers 422 for a year with no calendar and 400 for a bad year', async () => {
      const missing = await operator('GET', '/v1/calendars/KZ/2030');
      expect(missing.status).toBe(422);
      expect(missing.body).toMatchObject({ status: 422, year: 2030 });
      const bad = await operator('GET', '/v1/calendars/KZ/twenty');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('path.year');
    });

    it('requires a key', async () => {
      expect((await operator('GET', '/v1/calendars/KZ/2026', { key: null })).status).toBe(401);
    });
  });

  describe('GET /v1/calendar/deadline', () => {
    it('counts 2 working days across Nauryz 2026 with the skipped days explained', async () => {
      const response = await body('GET', `/v1/calendar/deadline?from=${encodeURIComponent('2026-03-20T10:00:00+05:00')}&workingDays=2`);
      expect(response.status).toBe(200);
      expect(response.body.dueAt).toBe('2026-03-27T23:59:59.999+05:00');
      const counted = response.body.derivation.filter((step: { counted: boolean }) => step.counted).map((step: { date: string }) => step.date);
      expect(counted).toEqual(['2026-03-26', '2026-03-27']);
      const [eventDay, ...rest] = response.body.derivation;
      expect(eventDay).toMatchObject({ date: '2026-03-20', counted: false, reason: expect.stringMatching(/event date/) });
      const skipped = rest.filter((step: { counted: boolean }) => !step.counted);
      expect(skipped.map((step: { date: string }) => step.date)).toEqual([
        '2026-03-21',
        '2026-03-22',
        '2026-03-23',
        '2026-03-24',
        '2026-03-25',
      ]);
      expect(skipped[2].reason).toMatch(/Nauryz/);
    });

    it('takes an unencoded + offset and counts from the Almaty date of a late UTC evening', async () => {
      // 2026-03-19T19:30Z is already Friday 20 March 00:30 in Almaty.
      const response = await body('GET', '/v1/calendar/deadline?from=2026-03-19T19:30:00Z&workingDays=1');
      expect(response.body.dueAt).toBe('2026-03-26T23:59:59.999+05:00');
      const plus = await body('GET', '/v1/calendar/deadline?from=2026-03-20T00:30:00+05:00&workingDays=1');
      expect(plus.status).toBe(200);
      expect(plus.body.dueAt).toBe('2026-03-26T23:59:59.999+05:00');
    });

    it('counts calendar days and moves an end on a day off to the next working day', async () => {
      const april = await body('GET', `/v1/calendar/deadline?from=${encodeURIComponent('2026-03-31T12:00:00+05:00')}&calendarDays=10`);
      expect(april.body.dueAt).toBe('2026-04-10T23:59:59.999+05:00');
      // 2026-10-01 + 10 calendar days = Sunday 11 October → Monday 12 October.
      const moved = await body('GET', `/v1/calendar/deadline?from=${encodeURIComponent('2026-10-01T09:00:00+05:00')}&calendarDays=10`);
      expect(moved.body.dueAt).toBe('2026-10-12T23:59:59.999+05:00');
      const unmoved = await body(
        'GET',
        `/v1/calendar/deadline?from=${encodeURIComponent('2026-10-01T09:00:00+05:00')}&calendarDays=10&moveToWorkingDay=false`,
      );
      expect(unmoved.body.dueAt).toBe('2026-10-11T23:59:59.999+05:00');
    });

    it('answers 400 naming the bad parameter', async () => {
      const cases: [string, string][] = [
        ['from=2026-03-20&workingDays=2', 'query.from'],
        ['from=2026-03-20T10:00:00%2B05:00&workingDays=0', 'query.workingDays'],
        ['from=2026-03-20T10:00:00%2B05:00&workingDays=2&calendarDays=3', 'query.workingDays'],
        ['from=2026-03-20T10:00:00%2B05:00', 'query.workingDays'],
        ['from=2026-03-20T10:00:00%2B05:00&calendarDays=x', 'query.calendarDays'],
      ];
      for (const [queryString, field] of cases) {
        const response = await body('GET', `/v1/calendar/deadline?${queryString}`);
        expect(response.status, queryString).toBe(400);
        expect(response.body.errors.map((error: { field: string }) => error.field), queryString).toContain(field);
      }
    });

    it('answers 422 when the period runs into a year with no calendar', async () => {
      const response = await body('GET', `/v1/calendar/deadline?from=${encodeURIComponent('2027-12-28T10:00:00+05:00')}&workingDays=5`);
      expect(response.status).toBe(422);
      expect(response.body.year).toBe(2028);
    });
  });

  describe('GET /v1/calendar/working-days', () => {
    it('counts and lists working days, both ends included', async () => {
      const response = await body('GET', '/v1/calendar/working-days?from=2026-03-20&to=2026-03-31');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        from: '2026-03-20',
        to: '2026-03-31',
        count: 5,
        days: ['2026-03-20', '2026-03-26', '2026-03-27', '2026-03-30', '2026-03-31'],
      });
    });

    it('answers 400 for reversed or malformed dates', async () => {
      const reversed = await body('GET', '/v1/calendar/working-days?from=2026-03-31&to=2026-03-20');
      expect(reversed.status).toBe(400);
      expect(reversed.body.errors[0].field).toBe('query.to');
      const malformed = await body('GET', '/v1/calendar/working-days?from=2026-02-30&to=2026-03-20');
      expect(malformed.body.errors[0].field).toBe('query.from');
    });
  });

  describe('PUT /v1/calendars/KZ/{year}', () => {
    const seed2026 = KZ_SEED.find((year) => year.year === 2026)!;

    it('rejects an invalid year naming the entry and changes nothing', async () => {
      const entries = [
        ...seed2026.entries,
        { date: '2026-08-31', kind: 'transfer-work', name: { kk: 'x', ru: 'x', en: 'x' }, source: 'test' },
      ];
      const response = await admin('PUT', '/v1/calendars/KZ/2026', { body: { entries } });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(`body.entries[${entries.length - 1}].kind`);
      // A body that is not an object names the body itself; an unknown member names itself.
      const list = await admin('PUT', '/v1/calendars/KZ/2026', { body: [] });
      expect(list.status).toBe(400);
      expect(list.body.errors.map((error: { field: string }) => error.field)).toEqual(['body']);
      const extra = await admin('PUT', '/v1/calendars/KZ/2026', { body: { entries: seed2026.entries, comment: 'x' } });
      expect(extra.status).toBe(400);
      expect(extra.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.comment']);
      const after = await admin('GET', '/v1/calendars/KZ/2026');
      expect(after.headers.get('etag')).toBe('"0"');
    });

    it('is for admins only', async () => {
      const response = await operator('PUT', '/v1/calendars/KZ/2026', { body: { entries: seed2026.entries } });
      expect(response.status).toBe(403);
    });

    it('replaces a year, reports the changed dates, moves deadlines, and audits who and what', async () => {
      const constitutionDay = {
        date: '2026-08-31',
        kind: 'moved',
        name: { kk: 'Конституция күні', ru: 'День Конституции', en: 'Constitution Day' },
        source: 'Law "On holidays in the Republic of Kazakhstan", Art. 5',
      };
      const before = await body('GET', `/v1/calendar/deadline?from=${encodeURIComponent('2026-08-28T10:00:00+05:00')}&workingDays=1`);
      expect(before.body.dueAt).toBe('2026-08-31T23:59:59.999+05:00');

      const response = await admin('PUT', '/v1/calendars/KZ/2026', {
        body: { entries: [...seed2026.entries, constitutionDay] },
        headers: { 'if-match': '"0"' },
      });

      expect(response.status).toBe(200);
      expect(response.body.changedDates).toEqual(['2026-08-31']);
      expect(response.body.calendar).toMatchObject({ version: 1, source: 'stored', updatedBy: 'local-admin' });
      expect(response.headers.get('etag')).toBe('"1"');
      const after = await body('GET', `/v1/calendar/deadline?from=${encodeURIComponent('2026-08-28T10:00:00+05:00')}&workingDays=1`);
      expect(after.body.dueAt).toBe('2026-09-01T23:59:59.999+05:00');
      const audit = await admin('GET', '/v1/calendars/KZ/2026/audit');
      expect(audit.status).toBe(200);
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({
        type: 'CalendarYearReplaced',
        actor: 'local-admin',
        data: { fromVersion: 0, toVersion: 1, changedDates: ['2026-08-31'] },
      });
      expect(audit.body.items[0].data.after).toContainEqual(constitutionDay);
    });

    it('answers 412 to a stale If-Match and 400 to a malformed one', async () => {
      const stale = await admin('PUT', '/v1/calendars/KZ/2026', { body: { entries: seed2026.entries }, headers: { 'if-match': '"0"' } });
      expect(stale.status).toBe(412);
      expect(stale.body.currentVersion).toBe(1);
      const malformed = await admin('PUT', '/v1/calendars/KZ/2026', { body: { entries: seed2026.entries }, headers: { 'if-match': 'yesterday' } });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].field).toBe('header.if-match');
    });

    it('publishes a year that had no calendar', async () => {
      const entries = [{ date: '2028-01-01', kind: 'holiday', name: { kk: 'Жаңа жыл', ru: 'Новый год', en: 'New Year' }, source: 'Law On holidays' }];
      const created = await admin('PUT', '/v1/calendars/KZ/2028', { body: { entries } });
      expect(created.status).toBe(200);
      expect(created.body.calendar.version).toBe(1);
      const deadline = await body('GET', `/v1/calendar/deadline?from=${encodeURIComponent('2027-12-31T10:00:00+05:00')}&workingDays=1`);
      expect(deadline.body.dueAt).toBe('2028-01-03T23:59:59.999+05:00');
    });
  });

  describe('GET /v1/rulebooks', () => {
    it('shows the rulebook in force with § citations and the history', async () => {
      const response = await body('GET', '/v1/rulebooks');
      expect(response.status).toBe(200);
      expect(response.body.current.rules.appointResponsible).toMatchObject({ kind: 'working-days', value: 2, cite: '§5' });
      expect(response.body.current.rules.startConsultation).toMatchObject({ value: 5, cite: '§9' });
      expect(response.body.current.rules.quarterlyReport).toMatchObject({ value: 10, cite: '§14' });
      expect(response.body.history.map((book: { id: string }) => book.id)).toContain(response.body.current.id);
    });
  });
});
