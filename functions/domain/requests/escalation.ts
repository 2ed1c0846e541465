import type { StoredDocument } from '../acceptance/acceptance.ts';
import { domainEvent } from '../events.ts';
import type { DomainEvent, OutboxMessage } from '../ports.ts';
import type { InformationRequest, RefusalGround } from './information-request.ts';
import { definedMembers } from '../defined-members.ts';

/**
 * §12: when a body refuses several times within one calendar month (Asia/Almaty), the UCC
 * informs the quality authority of the refusals, attaching supporting documents. One
 * escalation per body and month: the second refusal opens it and sends the letter with every
 * refusal of the month so far; each later refusal is added and sent as a supplement.
 */
export const REFUSALS_TO_ESCALATE = 2;

export interface EscalatedRefusal {
  requestId: string;
  serviceCode?: string;
  question: string;
  ground: RefusalGround;
  lawful: boolean;
  justification: string;
  refusedAt: string;
  /** The request's and the refusal's documents. */
  documents: StoredDocument[];
}

export interface Escalation {
  /** `<bodyId>:<YYYY-MM>` */
  id: string;
  bodyId: string;
  month: string;
  status: 'watching' | 'escalated';
  refusals: EscalatedRefusal[];
  escalatedAt?: string;
  /** One per refusal added after the letter. */
  supplements: { requestId: string; sentAt: string }[];
  version: number;
}

export const escalationId = (bodyId: string, month: string): string => `${bodyId}:${month}`;

export interface EscalationContext {
  now: Date;
  bodyName: { kk: string; ru: string };
  /** The quality authority's address (cc its head), and the UCC's. */
  recipients: { to: string[]; cc: string[] };
}

export interface EscalationOutcome {
  state: Escalation;
  events: DomainEvent[];
  messages: OutboxMessage[];
}

export const refusalOf = (request: InformationRequest): EscalatedRefusal => ({
  requestId: request.id,
  ...definedMembers({ serviceCode: request.serviceCode }),
  question: request.question,
  ground: request.refusal!.ground,
  lawful: request.refusal!.lawful,
  justification: request.refusal!.justification,
  refusedAt: request.refusal!.at,
  documents: [...request.attachments, ...request.refusal!.attachments],
});

const GROUND_NAMES: Record<RefusalGround, { kk: string; ru: string }> = {
  state_secret: { kk: 'мемлекеттік құпия', ru: 'государственная тайна' },
  commercial_secret: { kk: 'коммерциялық құпия', ru: 'коммерческая тайна' },
  other_protected_secret: { kk: 'заңмен қорғалатын өзге құпия', ru: 'иная охраняемая законом тайна' },
  other: { kk: 'өзге негіз', ru: 'иное основание' },
};

function listed(refusals: readonly EscalatedRefusal[], language: 'kk' | 'ru'): string {
  return refusals
    .map((refusal, index) => {
      const lawful =
        language === 'kk'
          ? refusal.lawful
            ? ' — 11.1-тармаққа сәйкес заңды негіз'
            : ' — заңды негізсіз'
          : refusal.lawful
            ? ' — правомерно (пункт 11.1)'
            : ' — без законного основания';
      return (
        `${index + 1}. ${refusal.refusedAt.slice(0, 10)}, ${refusal.requestId}${refusal.serviceCode === undefined ? '' : ` (${refusal.serviceCode})`}: ` +
        `${GROUND_NAMES[refusal.ground][language]}${lawful}\n   ${refusal.question}\n   ${refusal.justification}`
      );
    })
    .join('\n');
}

const documentsOf = (refusals: readonly EscalatedRefusal[]): StoredDocument[] => {
  const seen = new Map<string, StoredDocument>();
  for (const refusal of refusals) for (const document of refusal.documents) seen.set(document.sha256, document);
  return [...seen.values()];
};

function letter(state: Escalation, context: EscalationContext, kind: 'letter' | 'supplement', refusals: readonly EscalatedRefusal[]): OutboxMessage {
  const body = context.bodyName;
  const heading =
    kind === 'letter'
      ? {
          kk: `${state.month} айында ${body.kk} (БСН ${state.bodyId}) БКО-ға ақпарат беруден ${refusals.length} рет бас тартты (Қағидалардың 12-тармағы).`,
          ru: `В ${state.month} ${body.ru} (БИН ${state.bodyId}) ${refusals.length} раз(а) отказал(о) ЕКЦ в предоставлении информации (пункт 12 Правил).`,
        }
      : {
          kk: `${state.month} айындағы хабарламаға қосымша: ${body.kk} (БСН ${state.bodyId}) тағы бас тартты.`,
          ru: `Дополнение к сообщению за ${state.month}: ${body.ru} (БИН ${state.bodyId}) снова отказал(о).`,
        };
  const documents = documentsOf(refusals);
  return {
    messageId: kind === 'letter' ? `escalation:${state.id}:letter` : `escalation:${state.id}:supplement:${refusals[0]!.requestId}`,
    purpose: kind === 'letter' ? 'escalation-letter' : 'escalation-supplement',
    to: context.recipients.to,
    ...(context.recipients.cc.length > 0 ? { cc: context.recipients.cc } : {}),
    subject:
      kind === 'letter'
        ? `1414 БКО: ақпарат беруден бас тарту, ${body.kk}, ${state.month} / ЕКЦ 1414: отказы в предоставлении информации, ${body.ru}, ${state.month}`
        : `1414 БКО: қосымша, ${body.kk}, ${state.month} / ЕКЦ 1414: дополнение, ${body.ru}, ${state.month}`,
    text:
      `${heading.kk}\n\n${listed(refusals, 'kk')}\n\nҚұжаттар қоса беріледі: ${documents.length}.` +
      `\n\n* * *\n\n${heading.ru}\n\n${listed(refusals, 'ru')}\n\nДокументы прилагаются: ${documents.length}.` +
      `\n\n—\nUCC Interop · escalation ${state.id} · §12`,
    ...(documents.length === 0 ? {} : { documents }),
  };
}

/**
 * Adds one refusal to the body's escalation of its month; undefined when it is there already
 * (the effect ran twice). The second refusal escalates; later ones are supplements.
 */
export function addRefusal(existing: Escalation | undefined, bodyId: string, month: string, refusal: EscalatedRefusal, context: EscalationContext): EscalationOutcome | undefined {
  if (existing?.refusals.some((candidate) => candidate.requestId === refusal.requestId)) return undefined;
  const nowIso = context.now.toISOString();
  const base: Escalation = existing ?? { id: escalationId(bodyId, month), bodyId, month, status: 'watching', refusals: [], supplements: [], version: 0 };
  const state: Escalation = { ...base, refusals: [...base.refusals, refusal], version: base.version + 1 };
  const aggregate = { type: 'Escalation', id: state.id };
  const events: DomainEvent[] = [domainEvent('RefusalRecorded', aggregate, 'system:escalation', nowIso, { bodyId, month, requestId: refusal.requestId, lawful: refusal.lawful })];
  const messages: OutboxMessage[] = [];
  if (state.status === 'escalated') {
    state.supplements = [...state.supplements, { requestId: refusal.requestId, sentAt: nowIso }];
    events.push(domainEvent('EscalationSupplemented', aggregate, 'system:escalation', nowIso, { bodyId, month, requestId: refusal.requestId }));
    messages.push(letter(state, context, 'supplement', [refusal]));
  } else if (state.refusals.length >= REFUSALS_TO_ESCALATE) {
    state.status = 'escalated';
    state.escalatedAt = nowIso;
    events.push(domainEvent('RefusalsEscalated', aggregate, 'system:escalation', nowIso, { bodyId, month, refusals: state.refusals.length }));
    messages.push(letter(state, context, 'letter', state.refusals));
  }
  return { state, events, messages };
}
