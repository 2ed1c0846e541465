import type { LocalStack } from '#infra/local/local-stack.ts';
import { binCheckDigit } from '#domain/directory/bin.ts';
import { expectStatus, jsonOf, type HttpClient } from './http.ts';

/**
 * Request bodies and small helpers the suites share. BIN seeds: the acceptances suite uses
 * 700000+, the calendar suite 800000+ (the demo data lies far below).
 */
export const SERVICE_NAME = { kk: 'Мекенжай анықтамасын беру', ru: 'Выдача адресной справки' } as const;

/** A valid BIN (11 digits from `seed`, then the check digit). */
export function benchBin(seed: number): string {
  for (let tweak = 0; tweak < 20; tweak += 1) {
    const first11 = String(60_000_000_000 + seed * 20 + tweak).slice(-11);
    const check = binCheckDigit(first11);
    if (check !== undefined) return `${first11}${check}`;
  }
  throw new Error(`no BIN for ${seed}`);
}

export const newBodyInput = (bin: string) => ({
  kind: 'local_executive_body',
  bin,
  names: { kk: `Әкімдік ${bin}`, ru: `Акимат ${bin}`, en: `Akimat ${bin}` },
  email: `office-${bin}@akimat.gov.kz`,
  head: { fullName: 'Аскаров Ерлан Серикович', position: 'Аким', email: `akim-${bin}@akimat.gov.kz` },
  region: 'Astana',
  preferredLanguage: 'kk',
});

export const responsiblePersonInput = (index: number) => ({
  fullName: `Ответственный ${index}`,
  position: 'Специалист',
  email: `resp-${index}@akimat.gov.kz`,
  phone: `+7701${String(1_000_000 + index).slice(-7)}`,
});

export interface StoredMail {
  subject: string;
  at: number;
}

/** The SES emulator's store (all of it, or the mails accepted since an epoch second). */
export async function storedMails(ses: HttpClient, sinceEpochSeconds?: number): Promise<StoredMail[]> {
  const path = sinceEpochSeconds === undefined ? '/store' : `/store?since=${sinceEpochSeconds}`;
  return jsonOf<{ emails: StoredMail[] }>(expectStatus('SES emulator GET /store', await ses.send('GET', path), 200)).emails;
}

export async function clearStoredMails(ses: HttpClient): Promise<void> {
  expectStatus('SES emulator POST /clear-store', await ses.send('POST', '/clear-store'), 200);
}

/** Items still marked pending (effects not finished), counted over every page of the index. */
export async function pendingCount(): Promise<number> {
  const { dynamoPendingWork } = await import('#adapters/pending-work.ts');
  let total = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoPendingWork.listKeys('~', { limit: 1000, ...(startKey === undefined ? {} : { startKey }) });
    total += page.keys.length;
    startKey = page.startKey;
  } while (startKey !== undefined);
  return total;
}

/** settle() with a timeout fit for a backlog of thousands; returns how long it took (ms). */
export async function timedSettle(stack: LocalStack, timeoutMs = 900_000): Promise<number> {
  const t0 = performance.now();
  await stack.settle(timeoutMs);
  return performance.now() - t0;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Holds the effects feeder and waits until it is parked: what is in the handler finishes, and
 * the feeder checks for pause once per poll (every 100 ms), so it is given two intervals.
 */
export async function pauseEffects(stack: LocalStack): Promise<void> {
  stack.effects.pause();
  await sleep(250);
  while (stack.effects.busy()) await sleep(5);
}
