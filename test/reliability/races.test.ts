import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeScenario, openBodyScenario, type BodyScenario } from '../support/local-stack.ts';
import { testBin } from '../support/fixtures.ts';
import { figure, sized } from './figures.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ApiResponse = import('../support/local-stack.ts').ApiResponse<any>;

/**
 * Issue 17 §2: concurrent conflicting steps on one acceptance. Each appoints another §5
 * responsible person (a §7 replacement after the first, dated the same day): exactly one write
 * wins per version, every loser answers 412 (with If-Match) or 409 (without), the audit trail
 * has every version once, and the stored state is the last winner's.
 */
const bodyId = testBin(1711);
const CONCURRENT = sized(20, 50);
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
/** Latin names and test addresses: nothing a log check would count as personal data if it leaked. */
const personFor = (index: number) => ({
  fullName: `Executor Number ${index}`,
  position: 'Specialist',
  email: `executor-${index}@akimat.gov.kz`,
  phone: `+7701${String(1_000_000 + index).slice(-7)}`,
  changedOn: today,
});

/** Which person each response's request appointed. */
const sentEmails = new Map<ApiResponse, string>();
const appoint = async (call: BodyScenario['akimat'], id: string, index: number, headers: Record<string, string> = {}) => {
  const person = personFor(index);
  const response = await call('POST', `/v1/acceptances/${id}/responsible-person`, { body: person, headers });
  sentEmails.set(response, person.email);
  return response;
};

describe('races on one acceptance (issue 17 §2)', () => {
  let scenario: BodyScenario;
  beforeAll(async () => {
    scenario = await openBodyScenario(bodyId);
  }, 120_000);
  afterAll(async () => closeScenario(scenario));

  const open = async (serviceCode: string) => {
    const opened = await scenario.operator('POST', '/v1/acceptances', { body: { bodyId, serviceCode, serviceName: { kk: 'Қызмет', ru: 'Услуга' } } });
    expect(opened.status).toBe(201);
    return { id: opened.body.id as string, etag: opened.headers.get('etag') as string };
  };

  /** The acceptance's audit trail, every page. */
  const trail = async (id: string): Promise<{ type?: string; data?: any }[]> => {
    const items: { type?: string; data?: any }[] = [];
    let cursor: string | undefined;
    do {
      const page = await scenario.operator('GET', `/v1/acceptances/${id}/events?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  };

  const checkOutcome = async (id: string, responses: ApiResponse[], loserStatus: number, label: string) => {
    const won = responses.filter((response) => response.status === 200);
    const lost = responses.filter((response) => response.status === loserStatus);
    figure(`races.${label}.winners`, won.length);
    figure(`races.${label}.${loserStatus}`, lost.length);
    figure(`races.${label}.other-status`, responses.length - won.length - lost.length);
    expect(responses.filter((response) => response.status !== 200 && response.status !== loserStatus).map((r) => [r.status, r.body])).toEqual([]);
    for (const loser of lost) expect(loser.headers.get('content-type')).toBe('application/problem+json');
    // One winner per version: the versions won are distinct and follow each other from 2.
    const versions = won.map((response) => response.body.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(versions.map((_, index) => index + 2));
    const last = won.find((response) => response.body.version === versions.at(-1))!;
    const current = await scenario.operator('GET', `/v1/acceptances/${id}`);
    expect(current.body.version).toBe(versions.at(-1));
    expect(current.body).toEqual(last.body);
    const events = await trail(id);
    // Gap-free: the opening once, and one appointment per winner (whose person it names), none for a loser.
    expect(events.filter((event) => event.type === 'AcceptanceOpened')).toHaveLength(1);
    const appointed = events.filter((event) => event.type === 'ResponsiblePersonAppointed');
    figure(`races.${label}.audit-appointments`, appointed.length);
    const emailsOf = (list: { data?: any }[]) => list.map((event) => event.data?.appointment?.person?.email as string).sort();
    const winnerEmails = won.map((response) => sentEmails.get(response)!).sort();
    expect(emailsOf(appointed)).toEqual(winnerEmails);
    return won;
  };

  it(`lets one of ${CONCURRENT} concurrent steps with one If-Match win; every other answers 412`, async () => {
    const { id, etag } = await open('RACE-1');
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, index) =>
        appoint(scenario.akimat, id, index, { 'if-match': etag }),
      ),
    );
    const won = await checkOutcome(id, responses, 412, 'if-match');
    expect(won).toHaveLength(1);
  });

  it(`without If-Match, ${CONCURRENT} concurrent steps lose no update: one winner per version, the rest 409`, async () => {
    const { id } = await open('RACE-2');
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, index) => appoint(scenario.akimat, id, index)),
    );
    const won = await checkOutcome(id, responses, 409, 'no-if-match');
    expect(won.length).toBeGreaterThanOrEqual(1);
  });
});
