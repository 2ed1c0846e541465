/**
 * Shared arrangement for the acceptance state machine tests: one calendar, one rulebook, fixed
 * instants per step, and a "happy walk" through every status. Expected dates live in the tests,
 * computed by hand from /shared/calendar/KZ.md.
 */
import type { Acceptance, AcceptanceStatus, InformationInput } from '#domain/acceptance/acceptance.ts';
import {
  applyAcceptanceAction,
  goLive,
  openAcceptance,
  type ActionInput,
  type CommandContext,
  type CommandOutcome,
} from '#domain/acceptance/acceptance-commands.ts';
import { KZ_SEED } from '#domain/calendar/kz-seed.ts';
import { WorkingCalendar } from '#domain/calendar/working-calendar.ts';
import { RULEBOOK_2013 } from '#domain/rulebook/seed-rulebooks.ts';

export const calendar = new WorkingCalendar(KZ_SEED);
export const BODY_EMAIL = 'body@akimat.gov.kz';
export const UCC_EMAIL = 'ucc@1414.kz';
export const PERSON_EMAIL = 'a.nurlanova@akimat.gov.kz';
export const SERVICE_CODE = '00501001';

export const UCC_ACTOR = 'ucc-operator:u-17';
export const BODY_ACTOR = 'body-user:u-42';
export const JOB_ACTOR = 'system:daily-job';

export const SPEC = {
  id: 'acc-0001',
  bodyId: 'body-astana-akimat',
  serviceCode: SERVICE_CODE,
  serviceName: { kk: 'Мекенжай анықтамасын беру', ru: 'Выдача адресной справки' },
};

export function contextAt(now: string, actor: string = UCC_ACTOR, options: { withUccEmail?: boolean } = {}): CommandContext {
  return {
    now: new Date(now),
    actor,
    calendar,
    rulebook: RULEBOOK_2013,
    recipients: options.withUccEmail === false ? { bodyEmail: BODY_EMAIL } : { bodyEmail: BODY_EMAIL, uccEmail: UCC_EMAIL },
  };
}

const localized = (ru: string) => ({ kk: `${ru} (kk)`, ru });

export function informationInput(serviceCode: string = SERVICE_CODE): Omit<InformationInput, 'document'> {
  return {
    serviceName: SPEC.serviceName,
    serviceCode,
    provider: localized('Акимат города Астаны'),
    placesOfApplication: localized('ЦОН, портал egov.kz'),
    term: localized('1 рабочий день'),
    forms: ['electronic', 'paper'],
    result: localized('Адресная справка'),
    fee: { free: true },
    schedule: localized('Пн–Пт 9:00–18:00'),
    documents: [localized('Удостоверение личности')],
    refusalGrounds: [],
    contacts: localized('+7 717 270 00 00'),
    responsibleExecutor: { fullName: 'Айгерим Нурланова', position: 'Главный специалист', email: PERSON_EMAIL, phone: '+77172700000' },
    signedBy: { fullName: 'Ерлан Сапаров', position: 'Аким' },
  };
}

export const steps = {
  responsible: (email: string = PERSON_EMAIL): ActionInput => {
    const details = { fullName: 'Айгерим Нурланова', position: 'Главный специалист', email, phone: '+77172700000' };
    return {
      action: 'responsible-person',
      input: details,
      // What the step decided against the body's record (runAcceptanceStep): a first appointment.
      appointment: {
        target: { bodyId: SPEC.bodyId, scope: `service:${SERVICE_CODE}`, serviceCode: SERVICE_CODE },
        person: { ...details, appointedOn: '2026-03-20', recordedAt: '2026-03-20T05:00:00.000Z', recordedBy: BODY_ACTOR },
        plan: { kind: 'appointed' },
      },
    };
  },
  information: (serviceCode: string = SERVICE_CODE): ActionInput => ({ action: 'information', input: informationInput(serviceCode) }),
  registration: (): ActionInput => ({ action: 'registration', input: {} }),
  return: (reasons: string[] = ['Не указан срок оказания услуги']): ActionInput => ({ action: 'return', input: { reasons } }),
  training: (heldOn: string): ActionInput => ({
    action: 'training',
    input: { heldOn, participants: [{ fullName: 'Оператор ЕКЦ 1' }, { fullName: 'Оператор ЕКЦ 2', position: 'Оператор' }] },
  }),
  protocol: (signedOn: string): ActionInput => ({
    action: 'protocol',
    input: {
      signedOn,
      number: 'П-17',
      signatories: [
        { fullName: 'Директор ЕКЦ', position: 'Директор', party: 'ucc' },
        { fullName: 'Ерлан Сапаров', position: 'Аким', party: 'body' },
      ],
    },
  }),
};

export interface WalkStep {
  at: string;
  actor: string;
  step: ActionInput;
}

/** Thu 19 March 2026, the day before the Nauryz days off. */
export const OPENED_AT = '2026-03-19T10:00:00+05:00';

/** open → appoint → submit → return → resubmit → register → train → sign; then go live. */
export const HAPPY_WALK: readonly WalkStep[] = [
  { at: '2026-03-20T11:00:00+05:00', actor: BODY_ACTOR, step: steps.responsible() }, // v2 responsibleAppointed
  { at: '2026-03-27T10:00:00+05:00', actor: BODY_ACTOR, step: steps.information() }, // v3 informationSubmitted
  { at: '2026-03-30T12:00:00+05:00', actor: UCC_ACTOR, step: steps.return() }, // v4 informationReturned
  { at: '2026-04-01T09:00:00+05:00', actor: BODY_ACTOR, step: steps.information() }, // v5 informationSubmitted
  { at: '2026-04-01T16:00:00+05:00', actor: UCC_ACTOR, step: steps.registration() }, // v6 informationRegistered
  { at: '2026-04-06T10:00:00+05:00', actor: BODY_ACTOR, step: steps.training('2026-04-03') }, // v7 trainingHeld
  { at: '2026-04-07T15:00:00+05:00', actor: UCC_ACTOR, step: steps.protocol('2026-04-07') }, // v8 protocolSigned
];
/** Wed 15 April 2026: the §9 start date of the happy walk. */
export const LIVE_AT = '2026-04-15T09:00:00+05:00';

export function open(at: string = OPENED_AT, actor: string = UCC_ACTOR): CommandOutcome {
  return openAcceptance({ ...SPEC }, contextAt(at, actor));
}

/** Applies `walk` from a fresh open; returns every outcome, the opening first. */
export function walk(walkSteps: readonly WalkStep[], openedAt: string = OPENED_AT): CommandOutcome[] {
  const outcomes = [open(openedAt)];
  for (const { at, actor, step } of walkSteps) {
    const previous = outcomes[outcomes.length - 1] as CommandOutcome;
    outcomes.push(applyAcceptanceAction(previous.state, step, contextAt(at, actor)));
  }
  return outcomes;
}

/** The happy walk plus the daily job's go-live: 9 outcomes, versions 1–9. */
export function fullWalk(): CommandOutcome[] {
  const outcomes = walk(HAPPY_WALK);
  const live = goLive((outcomes[outcomes.length - 1] as CommandOutcome).state, contextAt(LIVE_AT, JOB_ACTOR));
  if (live === undefined) throw new Error('fixture: the happy walk did not go live');
  return [...outcomes, live];
}

/** One state per status, each reached by walking the machine. */
export function stateIn(status: AcceptanceStatus): Acceptance {
  const index: Record<AcceptanceStatus, number> = {
    requested: 0,
    responsibleAppointed: 1,
    informationSubmitted: 2,
    informationReturned: 3,
    informationRegistered: 5,
    trainingHeld: 6,
    protocolSigned: 7,
    live: 8,
  };
  const outcome = fullWalk()[index[status]] as CommandOutcome;
  if (outcome.state.status !== status) throw new Error(`fixture: expected ${status}, got ${outcome.state.status}`);
  return outcome.state;
}

/** The error `fn` throws (fails the test when it throws nothing). */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

export const at = (outcomes: CommandOutcome[], index: number): CommandOutcome => {
  const outcome = outcomes[index];
  if (outcome === undefined) throw new Error(`fixture: no outcome ${index}`);
  return outcome;
};
