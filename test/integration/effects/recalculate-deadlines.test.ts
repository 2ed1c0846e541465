import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectPorts } from '#adapters/effects-composition.ts';
import { dynamoRecalculationStore } from '#adapters/recalculation-store.ts';
import { RECALCULATION_PAGE, recalculationIdOf, runCalendarRecalculationPage, startCalendarRecalculation } from '#domain/deadlines/calendar-recalculation.ts';
import type { RecalculationPorts } from '#domain/deadlines/calendar-recalculation.ts';
import { moveTrackedDeadline } from '#domain/deadlines/monitor-deadlines.ts';
import type { DeadlineRecord } from '#domain/acceptance/acceptance.ts';
import { closeScenario, openBodyScenario, sentMails, settled, type BodyScenario } from '../../support/local-stack.ts';
import { seedYearWithDaysOff, testBin } from '../../support/fixtures.ts';
import { poll } from '../../support/poll.ts';

/** More acceptances than a page: the first page's run dies after some of its moves, the rest follow. */
const OPEN = RECALCULATION_PAGE + 5;
/** The first run dies once this many acceptances moved (its other writes in flight land too). */
const DIES_AFTER = 10;
const bodyId = testBin(813);
const WED = '2026-10-07T23:59:59.999+05:00';

/** The run of a page dying half way: from the n-th acceptance write on, each write lands and then the run fails. */
function dyingAfter(n: number, ports: RecalculationPorts) {
  const writes = { started: 0, landed: 0 };
  const { acceptances } = ports;
  const dying: RecalculationPorts = {
    ...ports,
    acceptances: {
      ...acceptances,
      async save(...args: Parameters<typeof acceptances.save>) {
        writes.started += 1;
        try {
          await acceptances.save(...args);
        } finally {
          writes.landed += 1;
        }
        if (writes.landed >= n) throw new Error('the run died here (test)');
      },
    },
  };
  return { dying, writes };
}

describe('recalculateDeadlinesPage (a calendar recalculation page run again after a crash inside it)', () => {
  let scenario: BodyScenario;
  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
  });
  afterAll(async () => {
    scenario?.stack.effects.resume();
    await closeScenario(scenario);
  });

  it('moves each acceptance once and counts each once: subjectsMoved is the number moved, the crashed run’s moves included', async () => {
    // Arrange: opened Mon 5 Oct 2026 10:00, the §5 appointment due Wed 7 Oct; then Tue 6 Oct becomes a day off.
    const { admin, operator, stack } = scenario;
    expect((await admin('POST', '/local/clock', { body: { now: '2026-10-05T10:00:00+05:00' } })).status).toBe(200);
    const opened: string[] = [];
    for (let index = 0; index < OPEN; index += 1) {
      const response = await operator('POST', '/v1/acceptances', {
        body: { bodyId, serviceCode: `RR${String(index).padStart(4, '0')}`, serviceName: { kk: 'Қызмет', ru: 'Услуга' } },
      });
      expect(response.status).toBe(201);
      opened.push(response.body.id as string);
    }
    await settled();
    // The effects wait: this test runs the first page's run by hand.
    stack.effects.pause();
    const put = await admin('PUT', '/v1/calendars/KZ/2026', { body: seedYearWithDaysOff(2026, '2026-10-06'), settle: false });
    expect(put.status).toBe(200);
    const calendar = await admin('GET', '/v1/calendars/KZ/2026', { settle: false });
    const id = recalculationIdOf(2026, calendar.body.version as number);
    const ports = effectPorts().monitor;
    // What CalendarYearReplaced's effect does (the event waits too; its effect later finds the record there).
    await startCalendarRecalculation({ year: 2026, calendarVersion: calendar.body.version as number, changedDates: ['2026-10-06'], at: new Date().toISOString() }, ports);

    // Act 1: the first page's run dies after DIES_AFTER acceptances moved; the writes it had started land.
    const { dying, writes } = dyingAfter(DIES_AFTER, ports);
    await expect(runCalendarRecalculationPage(id, dying)).rejects.toThrow('the run died here (test)');
    await poll(async () => ({ ...writes }), (now) => now.landed === now.started, 'the crashed run’s writes in flight to land');
    const versions = async () => Promise.all(opened.map(async (each) => (await admin('GET', `/v1/acceptances/${each}`, { settle: false })).body.version as number));
    const movedBeforeTheCrash = (await versions()).filter((version) => version === 2).length;
    expect(movedBeforeTheCrash).toBe(writes.landed);
    expect(movedBeforeTheCrash).toBeGreaterThanOrEqual(DIES_AFTER);
    expect(movedBeforeTheCrash).toBeLessThan(RECALCULATION_PAGE);
    // Nothing of the page committed but its plan: the record shows no progress, and GET does not show the plan.
    const stored = await dynamoRecalculationStore.get(id);
    expect(stored).toMatchObject({ status: 'running', pages: 0, subjectsMoved: 0 });
    expect(stored?.plan?.subjects).toHaveLength(RECALCULATION_PAGE);
    const during = await admin('GET', '/v1/calendars/KZ/2026/recalculation', { settle: false });
    expect(during.body).toMatchObject({ status: 'running', pages: 0, subjectsMoved: 0 });
    expect(during.body).not.toHaveProperty('plan');

    // The moves' own effects (DeadlineMoved) run first, as they may after a restart: the deadlines
    // moved now list after the others (due Thu), so listing the page again would give other ones.
    for (const each of opened) {
      const acceptance = (await admin('GET', `/v1/acceptances/${each}`, { settle: false })).body as { version: number; deadlines: DeadlineRecord[] };
      if (acceptance.version !== 2) continue;
      const deadline = acceptance.deadlines.find((d) => d.key === 'appointResponsible')!;
      await moveTrackedDeadline(deadline, WED, acceptance.version, ports);
    }
    const listed = await ports.deadlines.list({ status: 'open', bodyId, limit: RECALCULATION_PAGE });
    expect(listed.items.filter((d) => d.dueAt === WED).length).toBeGreaterThan(RECALCULATION_PAGE - movedBeforeTheCrash);

    // Act 2: the effects run again: the page queued runs once more (the moves' mails beside it), then the rest.
    stack.effects.resume();
    const progress = await poll(
      async () => (await admin('GET', '/v1/calendars/KZ/2026/recalculation', { settle: false })).body as { status: string; subjectsMoved: number; examined: number },
      (state) => state.status === 'finished',
      'the recalculation to finish',
      { timeoutMs: 60_000 },
    );
    await settled();

    // Assert: every acceptance moved exactly once (version 1 → 2), each counted once, each party told once.
    expect(await versions()).toEqual(opened.map(() => 2));
    expect(progress.subjectsMoved).toBe(OPEN);
    expect(progress.examined).toBeGreaterThanOrEqual(OPEN);
    const moved = (await sentMails(stack.sesEndpoint)).filter((mail) => /Срок изменен/.test(mail.subject));
    expect(moved).toHaveLength(OPEN);
    const deadlines = await operator('GET', `/v1/deadlines?status=open&bodyId=${bodyId}&limit=100`);
    expect(new Set(deadlines.body.items.map((d: { dueAt: string }) => d.dueAt))).toEqual(new Set(['2026-10-08T23:59:59.999+05:00']));
    // The first page's plan held: its run again moved (or found moved) those very acceptances, each marked with page 1.
    const planned = new Set(stored?.plan?.subjects.map((subject) => subject.id));
    const marks = await Promise.all(
      opened.map(async (each) => {
        const acceptance = (await admin('GET', `/v1/acceptances/${each}`)).body as { deadlines: { key: string; movedBy?: string }[] };
        return [each, acceptance.deadlines.find((d) => d.key === 'appointResponsible')?.movedBy] as const;
      }),
    );
    expect(marks.filter(([, mark]) => mark === `${id}:page:1`).map(([each]) => each).sort()).toEqual([...planned].sort());
    expect(marks.filter(([each]) => !planned.has(each)).every(([, mark]) => mark !== undefined && /:page:[2-9]$/.test(mark))).toBe(true);
  }, 180_000);
});
