import { describe, expect, it } from 'vitest';
import type { CalendarStore } from '#domain/calendar/calendar-port.ts';
import type { Body } from '#domain/directory/body.ts';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { DomainEvent, OutboxMessage } from '#domain/ports.ts';
import {
  closeReportDeadline,
  reportPeriodId,
  trackReportDeadline,
  type ReportDeadlinePorts,
  type ReportPeriodCase,
} from '#domain/reports/report-deadline.ts';

/** In-memory ports: the period cases with what each write emitted, the seed calendar, a directory of three. */
function memoryPorts(now: string) {
  const stored = new Map<string, ReportPeriodCase>();
  const writes: { events: DomainEvent[]; messages: OutboxMessage[] }[] = [];
  const calendars: CalendarStore = {
    listStoredYears: async () => [],
    getStoredYear: async () => undefined,
    replaceYear: async () => {
      throw new Error('not used');
    },
  };
  const directory = {
    quality_authority: { id: '990000000001', email: 'quality@example.kz' },
    informatization_authority: { id: '990000000002', email: 'informatization@example.kz' },
    ucc: { id: '990000000003', email: 'ucc@example.kz' },
  } as Record<string, Pick<Body, 'id' | 'email'>>;
  const clock = { current: new Date(now), now: () => clock.current };
  const ports: ReportDeadlinePorts = {
    reportPeriods: {
      get: async (id) => stored.get(id),
      async create(state, events, messages) {
        if (stored.has(state.id)) return false;
        stored.set(state.id, state);
        writes.push({ events, messages });
        return true;
      },
      async save(state, expectedVersion, events, messages) {
        if (stored.get(state.id)?.version !== expectedVersion) throw new ConcurrentUpdateError('moved on');
        stored.set(state.id, state);
        writes.push({ events, messages });
      },
    },
    calendars,
    bodyOfKind: async (kind) => directory[kind] as Body | undefined,
    clock,
  };
  return { ports, writes, clock };
}

describe('report-deadline (§18 by the 5th of M+1, §13–§14 10 calendar days after the quarter)', () => {
  it('opens December 2026’s report due Tuesday 5 January 2027, in the next year, the UCC’s own, under the quality authority', async () => {
    // Arrange
    const { ports, writes } = memoryPorts('2026-12-01T04:00:00.000Z');
    // Act
    const state = await trackReportDeadline('monthly-complaints', '2026-12', ports);
    // Assert
    expect(state?.deadlines).toMatchObject([
      { id: 'rpt-monthly-complaints-2026-12:monthlyReport:1', key: 'monthlyReport', cite: '§18', party: 'ucc', dueDate: '2027-01-05', dueAt: '2027-01-05T23:59:59.999+05:00', status: 'open' },
    ]);
    expect(writes).toHaveLength(1);
    const [opened] = writes[0]!.events;
    expect(opened?.type).toBe('DeadlineOpened');
    expect(opened?.data).toMatchObject({ bodyId: '990000000001', subject: { type: 'report', id: 'rpt-monthly-complaints-2026-12', bodyId: '990000000001' } });
    // No escalation of the UCC's own breach to the UCC: reminder, due day and breach only.
    expect(Object.keys((opened?.data as { stages: object }).stages).sort()).toEqual(['breach', 'dueDay', 'reminder']);
  });

  it('keeps a 5th on a Sunday that a transfer made a working day: December 2024’s report due Sunday 5 January 2025', async () => {
    // Arrange
    const { ports } = memoryPorts('2024-12-01T04:00:00.000Z');
    // Act
    const state = await trackReportDeadline('monthly-complaints', '2024-12', ports);
    // Assert
    expect(state?.deadlines[0]).toMatchObject({ dueDate: '2025-01-05' });
    expect(state?.deadlines[0]?.derivation[0]?.reason).toMatch(/transfer-work/);
  });

  it('gives 2026-Q4 ten calendar days into January, the 10th a Sunday: due Monday 11 January 2027, under the informatization authority', async () => {
    // Arrange
    const { ports } = memoryPorts('2026-10-01T04:00:00.000Z');
    // Act
    const state = await trackReportDeadline('quarterly-appeals', '2026-Q4', ports);
    // Assert
    expect(state).toMatchObject({ id: 'rpt-quarterly-appeals-2026-Q4', bodyId: '990000000002' });
    expect(state?.deadlines[0]).toMatchObject({ key: 'quarterlyReport', cite: '§14', dueDate: '2027-01-11' });
  });

  it('tracks a period once however often it is seen', async () => {
    // Arrange
    const { ports, writes } = memoryPorts('2026-04-01T04:00:00.000Z');
    // Act
    await trackReportDeadline('monthly-complaints', '2026-04', ports);
    await trackReportDeadline('monthly-complaints', '2026-04', ports);
    // Assert
    expect(writes).toHaveLength(1);
  });

  it('closes it met when delivered by the due time, with no notice, and only once', async () => {
    // Arrange
    const { ports, writes, clock } = memoryPorts('2026-04-01T04:00:00.000Z');
    await trackReportDeadline('monthly-complaints', '2026-03', ports);
    // Act
    const closed = await closeReportDeadline('monthly-complaints', '2026-03', '2026-04-06T18:59:59.999Z', ports);
    clock.current = new Date('2026-04-07T04:00:00.000Z');
    const again = await closeReportDeadline('monthly-complaints', '2026-03', '2026-04-07T04:00:00.000Z', ports);
    // Assert
    expect(closed).toMatchObject({ status: 'met', dueDate: '2026-04-06' });
    expect(again).toBeUndefined();
    expect(writes.map((write) => write.events.map((event) => event.type))).toEqual([['DeadlineOpened'], ['DeadlineClosed']]);
    expect(writes[1]!.messages).toEqual([]);
  });

  it('closes it missed when delivered after the due time, and tells the UCC admin under the monitor’s own breach message id', async () => {
    // Arrange
    const { ports, writes } = memoryPorts('2026-04-01T04:00:00.000Z');
    await trackReportDeadline('monthly-complaints', '2026-04', ports);
    // Act
    const closed = await closeReportDeadline('monthly-complaints', '2026-04', '2026-05-05T19:00:00.000Z', ports);
    // Assert
    expect(closed).toMatchObject({ status: 'missed' });
    expect(writes[1]!.events[0]?.data).toMatchObject({ status: 'missed', key: 'monthlyReport', deadlineId: 'rpt-monthly-complaints-2026-04:monthlyReport:1' });
    const [notice] = writes[1]!.messages;
    expect(notice?.to).toEqual(['ucc@example.kz']);
    expect(notice?.messageId).toBe(`${reportPeriodId('monthly-complaints', '2026-04')}:monthlyReport:1:breach:2026-05-05T23:59:59.999+05:00`);
    expect(notice?.text).toContain('05.05.2026');
  });
});
