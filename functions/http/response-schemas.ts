import * as z from 'zod';
import { ACCEPTANCE_ACTIONS, ACCEPTANCE_STATUSES, type DeadlineKey } from '#domain/acceptance/acceptance.ts';
import { ROLES } from '#domain/access/roles.ts';
import { APPEAL_CHANNELS, APPEAL_OUTCOMES } from '#domain/appeals/appeal.ts';
import { ENTRY_KINDS } from '#domain/calendar/calendar-year.ts';
import { COMPLAINT_ADDRESSEES, COMPLAINT_CATEGORIES, COMPLAINT_DECISIONS, COMPLAINT_STATUSES } from '#domain/complaints/complaint.ts';
import { BODY_KINDS, LANGUAGES } from '#domain/directory/body.ts';
import { DOCUMENT_CONTENT_TYPES } from '#domain/documents/accept-upload.ts';
import { NOTICE_STAGES } from '#domain/deadlines/monitored-deadline.ts';
import { ANSWER_CHANNELS, REFUSAL_GROUNDS } from '#domain/requests/information-request.ts';
import { CONTENT_TYPES, REPORT_FORMATS, REPORT_TYPES } from '#domain/reports/report.ts';
import { RULE_KEYS } from '#domain/rulebook/rulebook.ts';
import { SERVICE_STAGES } from '#domain/stages/service-stage.ts';
import type { RouteName } from './routes.ts';

/**
 * What each operation answers when it succeeds: per status, the JSON body's schema (what the
 * handler and its view return, checked member by member: strict objects, open maps only where
 * the API returns one on purpose), or the media types of a file. One copy: the OpenAPI document
 * declares these (infra/openapi-document.ts) and the integration tests check every response
 * they see against them (test/support/response-contract.ts). Keyed by route name; the compiler
 * rejects a route without an entry, or an entry for no route.
 */
export interface SuccessResponse {
  readonly description: string;
  /** An application/json body, as this schema says. */
  readonly json?: z.ZodType;
  /** Not JSON: the media types the body may have, its bytes (or text) as they are. */
  readonly file?: { readonly contentTypes: readonly string[]; readonly format: 'binary' | 'text' };
}

export type SuccessStatus = 200 | 201 | 202 | 204 | 303 | 304;
export type RouteResponses = Readonly<Partial<Record<SuccessStatus, SuccessResponse>>>;

// ——— Shared parts ———

const localized = z.strictObject({ kk: z.string(), ru: z.string(), en: z.string().optional() });
/** A name the seed gives in all three languages (calendar entries, stage labels). */
const trilingual = z.strictObject({ kk: z.string(), ru: z.string(), en: z.string() });
const documentRef = z.strictObject({ fileName: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string() });
const derivationStep = z.strictObject({ date: z.string(), counted: z.boolean(), dayNumber: z.number().int().optional(), reason: z.string() });
const deadlineStatus = z.enum(['open', 'met', 'missed', 'cancelled']);
const party = z.enum(['body', 'ucc']);
/** The rules a case's deadline is counted by (acceptance.ts DeadlineKey; the compiler holds the two together, response-schemas.test.ts). */
const DEADLINE_KEYS = [
  'appointResponsible',
  'submitInformation',
  'holdTraining',
  'returnedInformation',
  'startConsultation',
  'answerInformationRequest',
  'discrepancyExplanation',
  'trainQualityAuthority',
  'complaintReview',
  'complaintReviewByAuthority',
  'monthlyReport',
  'quarterlyReport',
] as const satisfies readonly DeadlineKey[];
/** A deadline a case carries (acceptances, requests, the authority's cases, complaints): due moment with its derivation. */
const deadlineRecord = z.strictObject({
  id: z.string(),
  key: z.enum(DEADLINE_KEYS),
  cite: z.string(),
  rulebookId: z.string(),
  from: z.string(),
  dueDate: z.string(),
  dueAt: z.string(),
  derivation: z.array(derivationStep),
  status: deadlineStatus,
  closedAt: z.string().optional(),
  party,
  /** The calendar recalculation page that last moved it. */
  movedBy: z.string().optional(),
});
const bodyKind = z.enum(BODY_KINDS);
/** The audit trail's entries (the data of each event type is its own). */
const domainEvent = z.strictObject({
  eventId: z.string(),
  type: z.string(),
  at: z.string(),
  actor: z.string(),
  aggregateType: z.string(),
  aggregateId: z.string(),
  data: z.record(z.string(), z.unknown()),
});
const fieldError = z.strictObject({ field: z.string(), message: z.string() });
const rejectedItem = z.strictObject({ index: z.number().int(), outcome: z.literal('rejected'), errors: z.array(fieldError) });
/** A citizen's contact: whole for the UCC and the quality authority, masked for everyone else (personal-data.ts). */
const contact = z.strictObject({ fullName: z.string(), phone: z.string().optional(), email: z.string().optional() });
const maskedContact = contact.extend({ masked: z.literal(true) });
const period = z.strictObject({ from: z.string(), to: z.string() });

/** The pagination envelope of every list: a page of items, and the cursor of the next page when there is one. */
const pageOf = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item), nextCursor: z.string().optional() });

// ——— Calendar and rulebook ———

const calendarYear = z.strictObject({
  version: z.number().int(),
  source: z.enum(['seed', 'stored']),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
  country: z.literal('KZ'),
  year: z.number().int(),
  entries: z.array(z.strictObject({ date: z.string(), kind: z.enum(ENTRY_KINDS), name: trilingual, source: z.string(), note: z.string().optional() })),
});
const calendarReplacement = z.strictObject({
  calendar: calendarYear,
  changedDates: z.array(z.string()),
  /** Only when dates changed: the recount of open deadlines, queued off the request. */
  recalculation: z.strictObject({ status: z.literal('queued'), href: z.string() }).optional(),
});
const calendarRecalculation = z.strictObject({
  id: z.string(),
  year: z.number().int(),
  calendarVersion: z.number().int(),
  changedDates: z.array(z.string()),
  status: z.enum(['running', 'finished']),
  phase: z.enum(['deadlines', 'startDates', 'noticeTimes']),
  cursor: z.string().optional(),
  pages: z.number().int(),
  examined: z.number().int(),
  subjectsMoved: z.number().int(),
  renoticed: z.number().int(),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
  version: z.number().int(),
});
const deadlineCalculation = z.union([
  z.strictObject({ from: z.string(), workingDays: z.number().int(), dueDate: z.string(), dueAt: z.string(), derivation: z.array(derivationStep) }),
  z.strictObject({ from: z.string(), calendarDays: z.number().int(), dueDate: z.string(), dueAt: z.string(), derivation: z.array(derivationStep) }),
]);
const rule = z.strictObject({
  kind: z.enum(['working-days', 'calendar-days-after-period', 'day-of-following-month', 'working-days-start-after']),
  value: z.number().int(),
  cite: z.string(),
  description: z.string(),
  moveToWorkingDay: z.boolean().optional(),
});
const rulebook = z.strictObject({
  id: z.string(),
  title: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().optional(),
  act: z.string(),
  rules: z.strictObject(Object.fromEntries(RULE_KEYS.map((key) => [key, rule])) as Record<(typeof RULE_KEYS)[number], typeof rule>),
});

// ——— Directory, clients ———

const body = z.strictObject({
  id: z.string(),
  kind: bodyKind,
  bin: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  names: localized,
  email: z.string(),
  head: z.strictObject({ fullName: z.string(), position: z.string(), email: z.string() }),
  preferredLanguage: z.enum(LANGUAGES),
  region: z.string().optional(),
});
const responsiblePerson = z.strictObject({
  fullName: z.string(),
  position: z.string(),
  email: z.string(),
  phone: z.string(),
  appointedOn: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  endedOn: z.string().optional(),
  acceptanceId: z.string().optional(),
});
/** §7: a replacement notified within 3 working days of the change, or late. */
const noticeCheck = z.strictObject({
  changedOn: z.string(),
  dueAt: z.string(),
  receivedAt: z.string(),
  late: z.boolean(),
  rule: z.strictObject({ key: z.literal('responsiblePersonNotice'), cite: z.string(), workingDays: z.number().int(), rulebookId: z.string() }),
  derivation: z.array(derivationStep),
});
const responsibleAssignment = z.strictObject({
  bodyId: z.string(),
  scope: z.string(),
  serviceCode: z.string().optional(),
  current: responsiblePerson,
  history: z.array(responsiblePerson),
  notices: z.array(noticeCheck),
  version: z.number().int(),
});
const responsiblePersons = z.strictObject({
  bodyId: z.string(),
  current: responsiblePerson.nullable(),
  history: z.array(responsiblePerson),
  notices: z.array(noticeCheck),
  services: z.array(
    z.strictObject({ serviceCode: z.string().optional(), current: responsiblePerson, history: z.array(responsiblePerson), notices: z.array(noticeCheck) }),
  ),
});
const deadlineTally = z.strictObject({
  met: z.number().int(),
  missed: z.number().int(),
  byStep: z.record(z.string(), z.strictObject({ met: z.number().int(), missed: z.number().int() })),
});
const refusalTally = z.strictObject({ total: z.number().int(), lawful: z.number().int(), byGround: z.record(z.string(), z.number().int()) });
const complianceRecord = z.strictObject({
  bodyId: z.string(),
  period,
  violations: z.strictObject({
    items: z.array(
      z.strictObject({
        violationId: z.string(),
        bodyId: z.string(),
        rule: z.string(),
        cite: z.string(),
        dueAt: z.string(),
        occurredAt: z.string(),
        subject: z.record(z.string(), z.unknown()),
      }),
    ),
    total: z.number().int(),
    byRule: z.record(z.string(), z.number().int()),
  }),
  deadlines: deadlineTally,
  refusals: refusalTally,
  escalations: z.number().int(),
});
const complianceRanking = z.strictObject({
  period,
  items: z.array(
    z.strictObject({
      bodyId: z.string(),
      deadlines: deadlineTally,
      violations: z.strictObject({ total: z.number().int(), byRule: z.record(z.string(), z.number().int()) }),
      refusals: refusalTally,
      escalations: z.number().int(),
      rank: z.number().int(),
    }),
  ),
});
/** A client as the API shows it: key fingerprints only, never a key or its hash. */
const client = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  bodyId: z.string().optional(),
  status: z.enum(['active', 'revoked']),
  keys: z.array(z.strictObject({ fingerprint: z.string(), createdAt: z.string(), expiresAt: z.string().optional() })),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().optional(),
  revokedBy: z.string().optional(),
});
/** The key is shown once: a replay of the request by its Idempotency-Key answers without it (routes.ts secretMembers). */
const clientWithKey = client.extend({
  key: z.string().optional(),
  /** On a replay only (idempotency.ts): which members were left out, and why. */
  secretsOmitted: z.strictObject({ members: z.array(z.string()), reason: z.string() }).optional(),
});

// ——— Service stages (§15–§16) ———

const stageDetails = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const stageEvent = z.strictObject({
  bodyId: z.string(),
  applicationNumber: z.string(),
  serviceCode: z.string(),
  stage: z.enum(SERVICE_STAGES),
  occurredAt: z.string(),
  note: z.string().optional(),
  details: stageDetails.optional(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
const stageOutcome = z.enum(['accepted', 'duplicate']);
const stageView = z.strictObject({
  stage: z.enum(SERVICE_STAGES),
  label: trilingual,
  final: z.boolean(),
  occurredAt: z.string(),
  note: z.string().optional(),
  details: stageDetails.optional(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
const application = z.strictObject({
  bodyId: z.string(),
  applicationNumber: z.string(),
  serviceCode: z.string(),
  current: stageView,
  history: z.array(stageView),
  historyComplete: z.boolean(),
});
const stageBatchResult = z.strictObject({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  items: z.array(z.union([z.strictObject({ index: z.number().int(), outcome: stageOutcome }), rejectedItem])),
});

// ——— Plans (§3) ———

const plan = z.strictObject({
  id: z.string(),
  title: z.string(),
  status: z.enum(['draft', 'approved']),
  revision: z.number().int(),
  items: z.array(
    z.strictObject({
      id: z.string(),
      serviceCode: z.string(),
      serviceName: localized,
      bodyId: z.string(),
      plannedOn: z.string(),
      removed: z.boolean().optional(),
      acceptanceId: z.string().optional(),
      openedAt: z.string().optional(),
    }),
  ),
  revisions: z.array(
    z.strictObject({
      revision: z.number().int(),
      at: z.string(),
      by: z.string(),
      change: z.enum(['created', 'amended', 'approved']),
      reason: z.string().optional(),
      summary: z.strictObject({ added: z.number().int(), removed: z.number().int(), rescheduled: z.number().int() }),
    }),
  ),
  createdAt: z.string(),
  createdBy: z.string(),
  approvedAt: z.string().optional(),
  approvedBy: z.string().optional(),
  version: z.number().int(),
});

// ——— Acceptance (§4–§9), knowledge base (§5–§6) ———

const fee = z.strictObject({ free: z.boolean(), amountKzt: z.number().optional(), basis: localized.optional() });
const responsibleExecutor = z.strictObject({ fullName: z.string(), position: z.string(), email: z.string(), phone: z.string() });
const signedBy = z.strictObject({ fullName: z.string(), position: z.string() });
/** The service information of the Appendix, as the body submitted it (§5). */
const information = z.strictObject({
  provider: localized,
  serviceCode: z.string(),
  serviceName: localized,
  placesOfApplication: localized,
  term: localized,
  forms: z.array(z.enum(['electronic', 'paper', 'proactive'])),
  result: localized,
  fee,
  schedule: localized,
  documents: z.array(localized),
  refusalGrounds: z.array(localized),
  otherRequirements: localized.optional(),
  contacts: localized,
  responsibleExecutor,
  signedBy,
  document: documentRef.optional(),
  submittedAt: z.string(),
  submittedBy: z.string(),
  submission: z.number().int(),
});
const acceptanceStatus = z.enum(ACCEPTANCE_STATUSES);
/** An acceptance as acceptance-view.ts shows it: its state, deadlines with derivations, history, and the actions its status allows now. */
const acceptance = z.strictObject({
  id: z.string(),
  bodyId: z.string(),
  serviceCode: z.string(),
  serviceName: localized,
  planItemId: z.string().optional(),
  status: acceptanceStatus,
  rulebookId: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  responsiblePerson: z.strictObject({ fullName: z.string(), position: z.string(), email: z.string(), phone: z.string(), appointedAt: z.string() }).optional(),
  information: information.optional(),
  submissions: z
    .array(
      z.strictObject({
        submission: z.number().int(),
        submittedAt: z.string(),
        submittedBy: z.string(),
        formSha256: z.string().optional(),
        documentSha256: z.string().optional(),
      }),
    )
    .optional(),
  returns: z.array(z.strictObject({ at: z.string(), by: z.string(), reasonCount: z.number().int(), reasons: z.array(z.string()).optional() })),
  knowledgeBase: z.strictObject({ entryVersion: z.number().int(), registeredAt: z.string(), registeredBy: z.string() }).optional(),
  training: z
    .strictObject({
      heldOn: z.string(),
      participants: z.array(z.strictObject({ fullName: z.string(), position: z.string().optional() })),
      topics: z.array(z.string()).optional(),
      recordedAt: z.string(),
      recordedBy: z.string(),
    })
    .optional(),
  protocol: z
    .strictObject({
      signedOn: z.string(),
      signatories: z.array(z.strictObject({ fullName: z.string(), position: z.string(), party })),
      number: z.string().optional(),
      recordedAt: z.string(),
      recordedBy: z.string(),
    })
    .optional(),
  consultationStartsOn: z.string().optional(),
  liveAt: z.string().optional(),
  deadlines: z.array(deadlineRecord),
  nextDueAt: z.string().optional(),
  history: z.array(
    z.strictObject({
      at: z.string(),
      actor: z.string(),
      action: z.enum([...ACCEPTANCE_ACTIONS, 'open', 'go-live']),
      from: acceptanceStatus.nullable(),
      to: acceptanceStatus,
    }),
  ),
  version: z.number().int(),
  allowedActions: z.array(z.enum(ACCEPTANCE_ACTIONS)),
});
/** The registered information of a version, as it was registered (each version keeps its own). */
const registeredInformation = z.record(z.string(), z.unknown());
const knowledgeBaseVersion = z.strictObject({
  bodyId: z.string(),
  serviceCode: z.string(),
  version: z.number().int(),
  information: registeredInformation,
  registeredAt: z.string(),
  registeredBy: z.string(),
  acceptanceId: z.string().optional(),
  updateId: z.string().optional(),
});
const knowledgeBaseEntry = z.strictObject({
  bodyId: z.string(),
  serviceCode: z.string(),
  current: knowledgeBaseVersion.optional(),
  versions: z.array(knowledgeBaseVersion),
});
const knowledgeBaseInformation = z.strictObject({
  bodyId: z.string(),
  serviceCode: z.string(),
  version: z.number().int(),
  information: registeredInformation,
  registeredAt: z.string(),
  pendingUpdates: z.array(z.strictObject({ id: z.string(), changedOn: z.string(), fields: z.array(z.string()) })),
});
const knowledgeBaseVersions = z.strictObject({
  bodyId: z.string(),
  serviceCode: z.string(),
  // A field the version added has no `before`, one it removed no `after`.
  items: z.array(knowledgeBaseVersion.extend({ changes: z.array(z.strictObject({ field: z.string(), before: z.unknown().optional(), after: z.unknown().optional() })) })),
});
/** §6: what changed in a registered service's information, its 3-working-day check and the UCC's decision. */
const informationUpdate = z.strictObject({
  id: z.string(),
  bodyId: z.string(),
  serviceCode: z.string(),
  changedOn: z.string(),
  changes: z.strictObject({
    provider: localized.optional(),
    serviceName: localized.optional(),
    placesOfApplication: localized.optional(),
    term: localized.optional(),
    forms: z.array(z.enum(['electronic', 'paper', 'proactive'])).optional(),
    result: localized.optional(),
    fee: fee.optional(),
    schedule: localized.optional(),
    documents: z.array(localized).optional(),
    refusalGrounds: z.array(localized).optional(),
    otherRequirements: localized.optional(),
    contacts: localized.optional(),
    responsibleExecutor: responsibleExecutor.optional(),
    signedBy: signedBy.optional(),
  }),
  baseVersion: z.number().int(),
  status: z.enum(['submitted', 'registered', 'returned']),
  submittedAt: z.string(),
  submittedBy: z.string(),
  notice: z.strictObject({
    dueAt: z.string(),
    late: z.boolean(),
    rule: z.strictObject({ cite: z.string(), workingDays: z.number().int(), rulebookId: z.string() }),
    derivation: z.array(derivationStep),
  }),
  registered: z.strictObject({ at: z.string(), by: z.string() }).optional(),
  returned: z.strictObject({ at: z.string(), by: z.string(), reasons: z.array(z.string()) }).optional(),
  version: z.number().int(),
});

// ——— Deadlines (the monitor's) ———

const sentNotice = z.strictObject({ at: z.string(), outcome: z.enum(['sent', 'skipped']) });
const monitoredDeadline = z.strictObject({
  id: z.string(),
  subject: z.strictObject({
    type: z.enum(['acceptance', 'informationRequest', 'qaTraining', 'discrepancy', 'complaint', 'report']),
    id: z.string(),
    bodyId: z.string(),
    serviceCode: z.string().optional(),
    serviceName: localized.optional(),
  }),
  key: z.string(),
  cite: z.string(),
  rulebookId: z.string(),
  party,
  from: z.string(),
  dueDate: z.string(),
  dueAt: z.string(),
  derivation: z.array(derivationStep),
  status: deadlineStatus,
  stages: z.strictObject(Object.fromEntries(NOTICE_STAGES.map((stage) => [stage, z.string().optional()])) as Record<(typeof NOTICE_STAGES)[number], z.ZodOptional<z.ZodString>>),
  notices: z.strictObject(Object.fromEntries(NOTICE_STAGES.map((stage) => [stage, sentNotice.optional()])) as Record<(typeof NOTICE_STAGES)[number], z.ZodOptional<typeof sentNotice>>),
  breachedAt: z.string().optional(),
  closedAt: z.string().optional(),
  sourceVersion: z.number().int().optional(),
  createdAt: z.string(),
  version: z.number().int(),
});

// ——— Information requests (§10–§12) ———

const informationRequest = z.strictObject({
  id: z.string(),
  bodyId: z.string(),
  serviceCode: z.string().optional(),
  question: z.string(),
  attachments: z.array(documentRef),
  status: z.enum(['open', 'answered', 'refused']),
  rulebookId: z.string(),
  askedAt: z.string(),
  askedBy: z.string(),
  deadlines: z.array(deadlineRecord),
  answer: z.strictObject({ channel: z.enum(ANSWER_CHANNELS), text: z.string(), attachments: z.array(documentRef), at: z.string(), by: z.string() }).optional(),
  refusal: z
    .strictObject({
      ground: z.enum(REFUSAL_GROUNDS),
      lawful: z.boolean(),
      justification: z.string(),
      attachments: z.array(documentRef),
      at: z.string(),
      by: z.string(),
      month: z.string(),
    })
    .optional(),
  version: z.number().int(),
  dueAt: z.string().optional(),
  allowedActions: z.array(z.enum(['answer', 'refusal'])),
});
const escalation = z.strictObject({
  id: z.string(),
  bodyId: z.string(),
  month: z.string(),
  status: z.enum(['watching', 'escalated']),
  refusals: z.array(
    z.strictObject({
      requestId: z.string(),
      serviceCode: z.string().optional(),
      question: z.string(),
      ground: z.enum(REFUSAL_GROUNDS),
      lawful: z.boolean(),
      justification: z.string(),
      refusedAt: z.string(),
      documents: z.array(documentRef),
    }),
  ),
  escalatedAt: z.string().optional(),
  supplements: z.array(z.strictObject({ requestId: z.string(), sentAt: z.string() })),
  version: z.number().int(),
});

// ——— The quality authority's cases (§19, §20) ———

const discrepancy = z.strictObject({
  id: z.string(),
  bodyId: z.string(),
  period: z.string(),
  indicator: z.string(),
  bodyFigure: z.number(),
  uccFigure: z.number(),
  note: z.string().optional(),
  status: z.enum(['open', 'explained']),
  rulebookId: z.string(),
  registeredAt: z.string(),
  registeredBy: z.string(),
  deadlines: z.array(deadlineRecord),
  explanation: z.strictObject({ text: z.string(), attachments: z.array(documentRef), at: z.string(), by: z.string() }).optional(),
  version: z.number().int(),
});
const qaTraining = z.strictObject({
  id: z.string(),
  bodyId: z.string(),
  topic: z.string(),
  participants: z.number().int().optional(),
  preferredDates: z.array(z.string()).optional(),
  status: z.enum(['requested', 'scheduled', 'held']),
  rulebookId: z.string(),
  requestedAt: z.string(),
  requestedBy: z.string(),
  scheduledOn: z.string().optional(),
  held: z
    .strictObject({
      heldOn: z.string(),
      participants: z.array(z.strictObject({ fullName: z.string(), position: z.string().optional() })),
      recordedAt: z.string(),
      recordedBy: z.string(),
    })
    .optional(),
  deadlines: z.array(deadlineRecord),
  version: z.number().int(),
});

// ——— Complaints (§17–§18) ———

const reviewRule = z.enum(['complaintReview', 'complaintReviewByAuthority']);
/** A complaint as complaint-view.ts shows it: the signer and complainant masked for all but the UCC and the quality authority. */
const complaint = z.strictObject({
  id: z.string(),
  portalNumber: z.string(),
  bodyId: z.string(),
  bodyKind,
  addressedTo: z.enum(COMPLAINT_ADDRESSEES),
  reviewerId: z.string(),
  reviewerKind: bodyKind,
  category: z.enum(COMPLAINT_CATEGORIES),
  serviceCode: z.string(),
  serviceName: z.string(),
  receivedAt: z.string(),
  registeredOn: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  rulebookId: z.string(),
  reviewRule,
  registeredAt: z.string(),
  registeredBy: z.string(),
  deadlines: z.array(deadlineRecord),
  outcome: z
    .strictObject({
      decision: z.enum(COMPLAINT_DECISIONS),
      summary: z.string(),
      attachments: z.array(documentRef),
      at: z.string(),
      by: z.string(),
      inTime: z.boolean(),
    })
    .optional(),
  version: z.number().int(),
  complainant: z.union([maskedContact, contact]),
  document: documentRef.extend({
    signers: z
      .array(
        z.union([
          z.strictObject({
            subject: z.string(),
            issuer: z.string(),
            serialNumber: z.string(),
            validFrom: z.string(),
            validTo: z.string(),
            fingerprint256: z.string(),
            validAtReceipt: z.boolean(),
          }),
          z.strictObject({
            subject: z.string(),
            issuer: z.string(),
            validFrom: z.string(),
            validTo: z.string(),
            validAtReceipt: z.boolean(),
            masked: z.literal(true),
          }),
        ]),
      )
      .optional(),
  }),
  month: z.string(),
  /** Law "On public services", Art. 25: the due date, derivation and citation once the period is counted. */
  reviewPeriod: z.strictObject({
    rule: reviewRule,
    workingDays: z.number().int(),
    cite: z.string(),
    description: z.string(),
    rulebookId: z.string(),
    registeredOn: z.string(),
    dueDate: z.string().optional(),
    dueAt: z.string().optional(),
    status: deadlineStatus.optional(),
    overdue: z.boolean().optional(),
    derivation: z.array(derivationStep).optional(),
  }),
  allowedActions: z.array(z.literal('outcome')),
});
const byKind = z.strictObject(Object.fromEntries(BODY_KINDS.map((kind) => [kind, z.number().int().optional()])) as Record<(typeof BODY_KINDS)[number], z.ZodOptional<z.ZodNumber>>);
const complaintViolations = z.strictObject({
  month: z.string(),
  total: z.number().int(),
  byKind,
  byBody: z.array(z.strictObject({ bodyId: z.string(), bodyKind, violations: z.number().int() })),
  items: z.array(
    z.strictObject({
      month: z.string(),
      complaintId: z.string(),
      portalNumber: z.string(),
      bodyId: z.string(),
      bodyKind,
      targetBodyId: z.string(),
      addressedTo: z.enum(COMPLAINT_ADDRESSEES),
      category: z.enum(COMPLAINT_CATEGORIES),
      serviceCode: z.string(),
      rule: z.string(),
      cite: z.string(),
      dueAt: z.string(),
      occurredAt: z.string(),
    }),
  ),
});

// ——— Appeals (§13–§14) ———

const appeal = z.strictObject({
  id: z.string(),
  bodyId: z.string(),
  region: z.string(),
  serviceCode: z.string(),
  occurredAt: z.string(),
  outcome: z.enum(APPEAL_OUTCOMES),
  channel: z.enum(APPEAL_CHANNELS),
  topic: z.string(),
  operator: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  batchId: z.string(),
  contact: z.union([maskedContact, contact]).optional(),
});
const appealBatchResult = z.strictObject({
  batchId: z.string(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  items: z.array(z.union([z.strictObject({ index: z.number().int(), id: z.string(), outcome: stageOutcome }), rejectedItem])),
});
/** Counts by each dimension's value: open maps (a service code, a region, a body id → count). */
const counts = z.record(z.string(), z.number().int());
/** A calendar quarter, e.g. `2026-Q3` (appeal-counts.ts Quarter). */
const quarter = z.templateLiteral([z.int(), z.enum(['-Q1', '-Q2', '-Q3', '-Q4'])]);
const appealCounters = z.strictObject({
  quarter,
  total: z.number().int(),
  by: z.strictObject({ body: counts, region: counts, outcome: counts, channel: counts, topic: counts, service: counts }),
});

// ——— Reports (§13–§14, §18) ———

const reportSummary = z.strictObject({
  reportId: z.string(),
  type: z.enum(REPORT_TYPES),
  period: z.string(),
  version: z.number().int(),
  generatedAt: z.string(),
  dueDate: z.string(),
  deliveredAt: z.string().optional(),
  files: z.array(z.strictObject({ format: z.enum(REPORT_FORMATS), sha256: z.string(), size: z.number().int() })),
});
const nullableNumber = z.number().nullable();
const comparedFigure = z.strictObject({ current: z.number(), previousQuarter: z.number(), yearBefore: z.number() });
const reportFigures = z.union([
  z.strictObject({
    type: z.literal('monthly-complaints'),
    totalComplaints: z.number().int(),
    reviewPeriods: z.strictObject({
      resolved: z.number().int(),
      open: z.number().int(),
      medianWorkingDays: nullableNumber,
      maxWorkingDays: nullableNumber,
      withinLegalPeriod: z.number().int(),
      periodOver: z.number().int(),
      shareWithinLegalPeriod: nullableNumber,
    }),
    violations: z.strictObject({ total: z.number().int(), byKind, bodies: z.number().int() }),
    procedureAndStandard: z.strictObject({ count: z.number().int(), procedure: z.number().int(), standardNoncompliance: z.number().int() }),
    staff: z.strictObject({ count: z.number().int() }),
  }),
  z.strictObject({
    type: z.literal('quarterly-appeals'),
    quarters: z.strictObject({ current: quarter, previousQuarter: quarter, yearBefore: quarter }),
    total: comparedFigure,
    rows: z.strictObject({ body: z.number().int(), region: z.number().int(), outcome: z.number().int(), channel: z.number().int(), topic: z.number().int(), service: z.number().int() }),
  }),
]);
const report = reportSummary.extend({
  files: z.array(z.strictObject({ format: z.enum(REPORT_FORMATS), sha256: z.string(), size: z.number().int(), href: z.string() })),
  dueAt: z.string(),
  rulebookId: z.string(),
  generatedBy: z.string(),
  inputsSha256: z.string(),
  inputs: z.strictObject({ counts, sha256: z.string(), href: z.string() }),
  summary: reportFigures.optional(),
});

/**
 * The shared schemas by the name the OpenAPI document gives them (`#/components/schemas/<name>`):
 * an operation's response refers to them instead of repeating them.
 */
export const RESPONSE_COMPONENTS = {
  LocalizedText: localized,
  DocumentRef: documentRef,
  DerivationStep: derivationStep,
  CaseDeadline: deadlineRecord,
  AuditEvent: domainEvent,
  CalendarYear: calendarYear,
  Rule: rule,
  Rulebook: rulebook,
  Body: body,
  ResponsiblePerson: responsiblePerson,
  Client: client,
  StageEvent: stageEvent,
  Plan: plan,
  ServiceInformation: information,
  Acceptance: acceptance,
  KnowledgeBaseVersion: knowledgeBaseVersion,
  InformationUpdate: informationUpdate,
  MonitoredDeadline: monitoredDeadline,
  InformationRequest: informationRequest,
  Escalation: escalation,
  Discrepancy: discrepancy,
  QaTraining: qaTraining,
  Complaint: complaint,
  Appeal: appeal,
  ReportSummary: reportSummary,
} as const satisfies Readonly<Record<string, z.ZodType>>;

// ——— Per operation ———

// Generic, so each entry keeps its schema's type: the compiler compares it with what the use-case returns (response-schemas.test.ts).
const ok = <S extends z.ZodType>(json: S, description = 'OK') => ({ 200: { description, json } }) as const;
const createdOrFound = <S extends z.ZodType>(json: S, found: string) =>
  ({
    201: { description: 'Created', json },
    200: { description: found, json },
  }) as const;
const created = <S extends z.ZodType>(json: S) => ({ 201: { description: 'Created', json } }) as const;
const stepApplied = <S extends z.ZodType>(json: S) => ({ 200: { description: 'The step applied (or the same step already applied)', json } }) as const;
/** A stored document as it was uploaded: one of the accepted kinds (accept-upload.ts). */
const storedDocument = (extra: readonly string[] = []): RouteResponses => ({
  200: { description: 'The document’s bytes (Repr-Digest: its SHA-256)', file: { contentTypes: [...DOCUMENT_CONTENT_TYPES, ...extra], format: 'binary' } },
});
const auditPage = ok(pageOf(domainEvent), 'A page of the audit trail, oldest first');

export const ROUTE_RESPONSES = {
  'get-health': ok(z.strictObject({ status: z.literal('ok'), version: z.string() }), 'The table answers'),
  // This very document: an open map beyond its few fixed members (served as it is stored).
  'get-openapi': ok(
    z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
    'The OpenAPI 3.1 document',
  ),
  'get-docs': { 200: { description: 'The reference page', file: { contentTypes: ['text/html'], format: 'text' } } },
  'get-docs-script': {
    200: { description: 'The script (gzipped when the client accepts it)', file: { contentTypes: ['text/javascript'], format: 'text' } },
    304: { description: 'The client’s copy (If-None-Match) is current' },
  },
  'get-calendar-year': ok(calendarYear),
  'put-calendar-year': ok(calendarReplacement, 'Replaced: the year and the dates that changed'),
  'get-calendar-recalculation': ok(calendarRecalculation),
  'get-calendar-year-audit': auditPage,
  'get-deadline': ok(deadlineCalculation),
  'get-working-days': ok(z.strictObject({ from: z.string(), to: z.string(), count: z.number().int(), days: z.array(z.string()) })),
  'get-rulebooks': ok(z.strictObject({ asOf: z.string(), current: rulebook, history: z.array(rulebook) })),
  'post-body': createdOrFound(body, 'The same body already registered'),
  'list-bodies': ok(pageOf(body)),
  'get-body': ok(body),
  'patch-body': ok(body, 'Changed'),
  'get-body-audit': auditPage,
  'post-responsible-person': created(responsibleAssignment),
  'get-responsible-persons': ok(responsiblePersons),
  'get-body-compliance': ok(complianceRecord),
  'post-service-stage': createdOrFound(z.strictObject({ outcome: stageOutcome, event: stageEvent }), 'A duplicate: the event already recorded'),
  'post-service-stage-batch': ok(stageBatchResult, 'Each item accepted, a duplicate or rejected'),
  'get-service-application': ok(application),
  'post-client': createdOrFound(clientWithKey, 'The client already created with this Idempotency-Key (no key shown)'),
  'list-clients': ok(pageOf(client)),
  'get-client': ok(client),
  'delete-client': { 204: { description: 'Revoked (also when it already was)' } },
  'post-client-key': created(clientWithKey),
  'get-client-audit': auditPage,
  'post-plan': createdOrFound(plan, 'The plan already created with this Idempotency-Key'),
  'list-plans': ok(pageOf(plan)),
  'get-plan': ok(plan),
  'post-plan-approval': ok(plan, 'Approved'),
  'post-plan-amendment': ok(plan, 'Amended: a new revision'),
  'post-acceptance': createdOrFound(acceptance, 'The acceptance already opened for this service'),
  'list-acceptances': ok(pageOf(acceptance)),
  'get-acceptance': ok(acceptance),
  'get-acceptance-events': auditPage,
  // The submitted form of the history is kept as its JSON.
  'get-acceptance-document': storedDocument(['application/json']),
  'post-acceptance-responsible-person': stepApplied(acceptance),
  'post-acceptance-information': stepApplied(acceptance),
  'post-acceptance-registration': stepApplied(acceptance),
  'post-acceptance-return': stepApplied(acceptance),
  'post-acceptance-training': stepApplied(acceptance),
  'post-acceptance-protocol': stepApplied(acceptance),
  'get-knowledge-base-entry': ok(knowledgeBaseEntry),
  'list-deadlines': ok(pageOf(monitoredDeadline)),
  'post-information-request': created(informationRequest),
  'list-information-requests': ok(pageOf(informationRequest)),
  'get-information-request': ok(informationRequest),
  'get-information-request-document': storedDocument(),
  'post-information-request-answer': stepApplied(informationRequest),
  'post-information-request-refusal': stepApplied(informationRequest),
  'list-escalations': ok(pageOf(escalation)),
  'post-discrepancy': created(discrepancy),
  'list-discrepancies': ok(pageOf(discrepancy)),
  'get-discrepancy': ok(discrepancy),
  'post-discrepancy-explanation': ok(discrepancy, 'Explained, and e-mailed to the quality authority'),
  'post-qa-training': created(qaTraining),
  'list-qa-trainings': ok(pageOf(qaTraining)),
  'get-qa-training': ok(qaTraining),
  'post-qa-training-schedule': stepApplied(qaTraining),
  'post-qa-training-held': stepApplied(qaTraining),
  'post-complaint': createdOrFound(complaint, 'The complaint already registered under its portal number'),
  'list-complaints': ok(pageOf(complaint)),
  'get-complaint': ok(complaint),
  'get-complaint-document': storedDocument(),
  'post-complaint-outcome': stepApplied(complaint),
  'get-complaint-violations': ok(complaintViolations),
  'post-appeal': createdOrFound(z.strictObject({ outcome: stageOutcome, appeal }), 'A duplicate: the appeal already recorded'),
  'post-appeal-batch': ok(appealBatchResult, 'Each item accepted, a duplicate or rejected'),
  'get-appeal': ok(appeal),
  'get-appeal-counters': ok(appealCounters),
  'list-reports': ok(pageOf(reportSummary)),
  'get-report': ok(report),
  'get-report-file': {
    200: {
      description: 'The file (ETag: its SHA-256)',
      file: { contentTypes: [...new Set(Object.values(CONTENT_TYPES).map((type) => type.split(';')[0]!.trim()))], format: 'binary' },
    },
    303: { description: 'Over 4 MiB: Location is a link to the file, valid 15 minutes' },
  },
  'post-report': { 202: { description: 'Accepted: the new version (Location)', json: reportSummary } },
  'get-compliance-ranking': ok(complianceRanking),
  'post-information-update': created(informationUpdate),
  'list-information-updates': ok(pageOf(informationUpdate)),
  'get-information-update': ok(informationUpdate),
  'post-information-update-registration': stepApplied(informationUpdate),
  'post-information-update-return': stepApplied(informationUpdate),
  'get-knowledge-base-information': ok(knowledgeBaseInformation),
  'get-knowledge-base-versions': ok(knowledgeBaseVersions),
} as const satisfies { readonly [N in RouteName]: RouteResponses };

/** The success responses of the route named so. */
export const responsesOf = (name: RouteName): RouteResponses => ROUTE_RESPONSES[name];
