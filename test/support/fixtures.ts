import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { binCheckDigit } from '#domain/directory/bin.ts';

/** A valid BIN for a test: 11 digits from `seed`, plus the check digit (skipping those without one). */
export function testBin(seed: number): string {
  for (let tweak = 0; tweak < 20; tweak += 1) {
    const first11 = String(50_000_000_000 + seed * 20 + tweak).slice(-11);
    const check = binCheckDigit(first11);
    if (check !== undefined) return `${first11}${check}`;
  }
  throw new Error(`no BIN for ${seed}`);
}

export function newBody(bin: string, kind = 'local_executive_body') {
  return {
    kind,
    bin,
    names: { kk: `Әкімдік ${bin}`, ru: `Акимат ${bin}`, en: `Akimat ${bin}` },
    email: `office-${bin}@akimat.gov.kz`,
    head: { fullName: 'Аскаров Ерлан Серикович', position: 'Аким', email: `aким-${bin}@akimat.gov.kz`.replace('aким', 'akim') },
    region: 'Astana',
    preferredLanguage: 'kk',
  };
}

const both = (text: string) => ({ kk: `${text} (kk)`, ru: `${text} (ru)` });

/** A complete Appendix form for `serviceCode`. */
export function informationFor(serviceCode: string, extra: Record<string, unknown> = {}) {
  return {
    serviceName: { kk: 'Мекенжай анықтамасын беру', ru: 'Выдача адресной справки' },
    serviceCode,
    provider: both('Akimat'),
    placesOfApplication: both('PSC, egov.kz'),
    term: both('15 minutes'),
    forms: ['electronic', 'paper'],
    result: both('Address certificate'),
    fee: { free: true },
    schedule: both('Mon-Fri 09:00-18:00'),
    documents: [both('ID card')],
    refusalGrounds: [both('Incomplete documents')],
    contacts: both('1414'),
    responsibleExecutor: { fullName: 'Серикова Динара', position: 'Главный специалист', phone: '+77172700001', email: 'executor@akimat.gov.kz' },
    signedBy: { fullName: 'Аскаров Ерлан Серикович', position: 'Аким' },
    ...extra,
  };
}

/** A valid §13 appeal of a body (POST /v1/appeals), with members to change or add. */
export const appealInput = (id: string, bodyId: string, extra: Record<string, unknown> = {}) => ({
  id,
  channel: 'phone_1414',
  serviceCode: '00301001',
  topic: 'pension',
  region: 'almaty_city',
  outcome: 'consulted',
  occurredAt: '2026-08-03T10:00:00+05:00',
  operator: 'op-17',
  bodyId,
  ...extra,
});

/**
 * A PUT /v1/calendars/KZ/{year} body: the seed year with these dates made days off, as a
 * government transfer would (the recalculation tests' calendar change).
 */
export function seedYearWithDaysOff(year: number, ...dates: string[]) {
  const seed = KZ_SEED.find((candidate) => candidate.year === year)!;
  const dayOff = (date: string) => ({ date, kind: 'transfer-off', name: { kk: 'Демалыс', ru: 'Выходной', en: 'Day off' }, source: 'Government decree (test)' });
  return { entries: [...seed.entries, ...dates.map(dayOff)] };
}
