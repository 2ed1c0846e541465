import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Role } from '#domain/access/roles.ts';
import { binCheckDigit } from '#domain/directory/bin.ts';
import type { Body, BodyKind } from '#domain/directory/body.ts';
import { domainEvent } from '#domain/events.ts';
import type { Clock } from '#domain/ports.ts';
import { newApiKey } from '#adapters/api-keys.ts';
import { bootstrapClient } from '#adapters/bootstrap-client.ts';
import { dynamoBodyStore } from '#adapters/body-store.ts';
import { dynamoClientStore } from '#adapters/client-store.ts';

/**
 * Demo data for the local stack: the UCC, both authorities and a few bodies of each kind, plus
 * one API client per role. Written only where missing, so a restart keeps what a user changed.
 * The BINs are made up (valid check digits, not real organisations' numbers).
 */
const demoBin = (serial: number): string => {
  for (let tweak = 0; tweak < 10; tweak += 1) {
    const first11 = `0${String(1000000000 + serial * 10 + tweak).slice(-10)}`;
    const check = binCheckDigit(first11);
    if (check !== undefined) return `${first11}${check}`;
  }
  throw new Error(`no BIN for serial ${serial}`);
};

interface DemoBody {
  kind: BodyKind;
  kk: string;
  ru: string;
  en: string;
  region?: string;
  language: 'kk' | 'ru';
}

export const DEMO_BODIES: DemoBody[] = [
  { kind: 'ucc', kk: '«1414» Бірыңғай байланыс орталығы', ru: 'Единый контакт-центр «1414»', en: 'Unified Contact Center 1414', language: 'kk' },
  { kind: 'informatization_authority', kk: 'Ақпараттандыру саласындағы уәкілетті орган', ru: 'Уполномоченный орган в сфере информатизации', en: 'Informatization authority', language: 'kk' },
  { kind: 'quality_authority', kk: 'Мемлекеттік қызметтер сапасын бағалау жөніндегі уәкілетті орган', ru: 'Уполномоченный орган по оценке качества государственных услуг', en: 'Quality authority', language: 'ru' },
  { kind: 'central_body', kk: 'Әділет министрлігі', ru: 'Министерство юстиции', en: 'Ministry of Justice', language: 'kk' },
  { kind: 'central_body', kk: 'Еңбек және халықты әлеуметтік қорғау министрлігі', ru: 'Министерство труда и социальной защиты населения', en: 'Ministry of Labour and Social Protection', language: 'ru' },
  { kind: 'local_executive_body', kk: 'Астана қаласының әкімдігі', ru: 'Акимат города Астаны', en: 'Akimat of Astana', region: 'Astana', language: 'kk' },
  { kind: 'local_executive_body', kk: 'Алматы облысының әкімдігі', ru: 'Акимат Алматинской области', en: 'Akimat of Almaty Region', region: 'Almaty Region', language: 'ru' },
  { kind: 'public_service_center', kk: '«Азаматтарға арналған үкімет» мемлекеттік корпорациясы', ru: 'Госкорпорация «Правительство для граждан»', en: 'State Corporation "Government for Citizens"', language: 'kk' },
  { kind: 'service_provider', kk: 'Қалалық емхана № 1', ru: 'Городская поликлиника № 1', en: 'City Polyclinic No. 1', region: 'Astana', language: 'ru' },
  { kind: 'service_provider', kk: '№ 5 жалпы білім беретін мектеп', ru: 'Общеобразовательная школа № 5', en: 'Secondary School No. 5', region: 'Almaty Region', language: 'kk' },
];

export const demoBodies = (at: string): Body[] =>
  DEMO_BODIES.map((demo, index) => {
    const bin = demoBin(index + 1);
    return {
      id: bin,
      bin,
      kind: demo.kind,
      names: { kk: demo.kk, ru: demo.ru, en: demo.en },
      email: `office+${bin}@demo.gov.kz`,
      head: { fullName: `Head of ${demo.en}`, position: 'Head', email: `head+${bin}@demo.gov.kz` },
      ...(demo.region === undefined ? {} : { region: demo.region }),
      preferredLanguage: demo.language,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
  });

const DEMO_CLIENTS: { id: string; role: Role; bodyKind?: BodyKind }[] = [
  { id: 'demo-operator', role: 'ucc_operator' },
  { id: 'demo-akimat', role: 'body', bodyKind: 'local_executive_body' },
  { id: 'demo-provider', role: 'provider', bodyKind: 'service_provider' },
  { id: 'demo-quality-authority', role: 'quality_authority' },
  { id: 'demo-informatization-authority', role: 'informatization_authority' },
];

export async function seedDemoData(clock: Clock, dataDir: string | null): Promise<{ keysFile?: string }> {
  const at = clock.now().toISOString();
  const bodies = demoBodies(at);
  for (const body of bodies) {
    await dynamoBodyStore.create(body, domainEvent('BodyRegistered', { type: 'Body', id: body.id }, 'demo-data', at, { after: body }));
  }
  const keys: Record<string, { role: Role; bodyId?: string; key: string }> = {};
  for (const demo of DEMO_CLIENTS) {
    if ((await dynamoClientStore.get(demo.id)) !== undefined) continue;
    const bodyId = demo.bodyKind === undefined ? undefined : bodies.find((body) => body.kind === demo.bodyKind)?.id;
    const key = newApiKey();
    await bootstrapClient(key, { id: demo.id, name: `Demo ${demo.role}`, role: demo.role, ...(bodyId ? { bodyId } : {}) }, at);
    keys[demo.id] = { role: demo.role, ...(bodyId ? { bodyId } : {}), key };
  }
  if (dataDir === null || Object.keys(keys).length === 0) return {};
  // Keys are shown once: keep the demo ones beside the admin key for the person trying things out.
  const keysFile = join(dataDir, 'demo-keys.json');
  await writeFile(keysFile, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
  return { keysFile };
}
