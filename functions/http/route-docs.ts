import * as z from 'zod';
import { MAX_BATCH_APPEALS } from '#domain/appeals/appeal-intake.ts';
import { appealSchema } from '#domain/appeals/appeal.ts';
import { bodyFieldsSchema } from '#domain/directory/body.ts';
import { MAX_BATCH_EVENTS } from '#domain/stages/stage-events.ts';
import { stageEventSchema } from '#domain/stages/service-stage.ts';

/**
 * What the OpenAPI document (functions/http/openapi.ts) says of each route beyond the route
 * table: the regulation it serves (its § of the regulation, summarised in docs/regulation.md, or the law article) and
 * request examples in Kazakh and Russian. Keyed by the route's name; test/integration/http/openapi.test.ts
 * fails on a route of the table without an entry here, or an entry for no route, and on an example
 * its route's own zod schema rejects.
 */
export interface RouteDoc {
  /** The § of the regulation (Decree No. 797, §1–§21) or the law article the route serves. */
  readonly regulation: string;
  /** Request examples by name; each must pass the route's own schemas. */
  readonly examples?: Readonly<Record<string, { readonly summary: string; readonly body?: unknown; readonly query?: Readonly<Record<string, string>> }>>;
  /**
   * The body as the use-case checks it, where the route's own schema only bounds it (a batch
   * whose items are each answered on their own, a merge patch applied before it is checked):
   * the domain's schema, the one that validates, so the document says what is accepted.
   */
  readonly requestBody?: z.ZodType;
}

const HOLIDAYS = 'Law "On holidays", Art. 5 (days off and their transfers); the working days that §5–§9, §19 count';
const DIRECTORY = '§2 (the participants)';
const CLIENTS = '§2 (each participant calls with its own API key; no § governs keys)';
const ACCEPTANCE = '§4–§9 (acceptance of a service for consultation)';
const REQUESTS = '§10–§11 (information and explanations the UCC asks for)';
const REPORTS = '§18 (the monthly complaints analysis, by the 5th) and §13–§14 (the quarterly appeals report, within 10 calendar days)';
const COMPLAINTS = '§17; review periods: Law "On public services", Art. 25';

export const ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'get-health': { regulation: 'none: an operations route (liveness), outside the regulation' },
  'get-openapi': { regulation: 'none: the description of this API (issue 16), outside the regulation' },
  'get-docs': { regulation: 'none: the description of this API (issue 16), outside the regulation' },
  'get-docs-script': { regulation: 'none: the description of this API (issue 16), outside the regulation' },
  'get-calendar-year': { regulation: HOLIDAYS },
  'put-calendar-year': { regulation: HOLIDAYS },
  'get-calendar-recalculation': { regulation: HOLIDAYS },
  'get-calendar-year-audit': { regulation: HOLIDAYS },
  'get-deadline': {
    regulation: `${HOLIDAYS}; §14 and §18 count calendar days`,
    examples: {
      responsiblePerson: { summary: '§5: 2 working days from a request received on the eve of Nauryz', query: { from: '2026-03-20T10:00:00+05:00', workingDays: '2' } },
    },
  },
  'get-working-days': { regulation: HOLIDAYS },
  'get-rulebooks': { regulation: '§5–§9, §14, §18 (the deadlines the rulebook in force sets)' },
  'post-body': {
    regulation: DIRECTORY,
    examples: {
      akimat: {
        summary: 'A local executive body (§2.6), names in Kazakh and Russian',
        body: {
          bin: '500000000203',
          kind: 'local_executive_body',
          names: { kk: 'Алматы қаласының әкімдігі', ru: 'Акимат города Алматы' },
          email: 'info@akimat.example.kz',
          head: { fullName: 'Досаев Ерболат Асқарұлы', position: 'Әкім / Аким', email: 'akim@akimat.example.kz' },
          region: 'Алматы',
          preferredLanguage: 'kk',
        },
      },
    },
  },
  'list-bodies': { regulation: DIRECTORY },
  'get-body': { regulation: DIRECTORY },
  // A merge patch (RFC 7396) of the body's fields: any of them; null removes an optional one.
  'patch-body': { regulation: DIRECTORY, requestBody: bodyFieldsSchema.partial() },
  'get-body-audit': { regulation: DIRECTORY },
  'post-responsible-person': {
    regulation: '§5 (appointment within 2 working days), §7 (replacement notified within 3 working days)',
    examples: {
      appoint: {
        summary: '§5: the body appoints its responsible person',
        body: {
          fullName: 'Сейітқали Айгерім Бекқызы',
          position: 'Бас маман / Главный специалист',
          phone: '+7 701 000 00 00',
          email: 'a.seitkali@akimat.example.kz',
          appointedOn: '2026-03-23',
        },
      },
    },
  },
  'get-responsible-persons': { regulation: '§5, §7' },
  'get-body-compliance': { regulation: '§21' },
  'post-service-stage': { regulation: '§16' },
  'post-service-stage-batch': { regulation: '§16', requestBody: z.strictObject({ items: z.array(stageEventSchema).min(1).max(MAX_BATCH_EVENTS) }) },
  'get-service-application': { regulation: '§15, §16' },
  'post-client': { regulation: CLIENTS },
  'list-clients': { regulation: CLIENTS },
  'get-client': { regulation: CLIENTS },
  'delete-client': { regulation: CLIENTS },
  'post-client-key': { regulation: CLIENTS },
  'get-client-audit': { regulation: CLIENTS },
  'post-plan': {
    regulation: '§3 (the plan-schedule)',
    examples: {
      year: {
        summary: '§3: services to accept for consultation in 2026',
        body: {
          title: '2026 жылғы кесте / План-график на 2026 год',
          items: [
            {
              serviceCode: '00101001',
              serviceName: { kk: 'Тұрғылықты жері бойынша тіркеу', ru: 'Регистрация по месту жительства' },
              bodyId: '500000000203',
              plannedOn: '2026-04-01',
            },
          ],
        },
      },
    },
  },
  'list-plans': { regulation: '§3' },
  'get-plan': { regulation: '§3' },
  'post-plan-approval': { regulation: '§3 (approved by the informatization authority)' },
  'post-plan-amendment': { regulation: '§3' },
  'post-acceptance': {
    regulation: '§4 (the written request, per the plan-schedule of §3)',
    examples: {
      request: {
        summary: '§4: the UCC asks a body for a service’s information and training',
        body: {
          bodyId: '500000000203',
          serviceCode: '00101001',
          serviceName: { kk: 'Тұрғылықты жері бойынша тіркеу', ru: 'Регистрация по месту жительства' },
        },
      },
    },
  },
  'list-acceptances': { regulation: ACCEPTANCE },
  'get-acceptance': { regulation: ACCEPTANCE },
  'get-acceptance-events': { regulation: ACCEPTANCE },
  'get-acceptance-document': { regulation: '§5 (information signed by the head of the body, Appendix)' },
  'post-acceptance-responsible-person': { regulation: '§5 (a responsible person within 2 working days of the request)' },
  'post-acceptance-information': { regulation: '§5 (the information within 3 working days of the appointment, Appendix)' },
  'post-acceptance-registration': { regulation: '§5 (entered into the UCC database)' },
  'post-acceptance-return': { regulation: '§5' },
  'post-acceptance-training': { regulation: '§8 (training within 5 working days of the information)' },
  'post-acceptance-protocol': { regulation: '§8 (the protocol), §9 (consulting 5 working days after it)' },
  'get-knowledge-base-entry': { regulation: '§5, §6' },
  'list-deadlines': { regulation: '§5–§9, §10–§12, §14, §18–§20 (every deadline the rules set)' },
  'post-information-request': {
    regulation: REQUESTS,
    examples: {
      question: {
        summary: '§10: the UCC asks how a service is given to a recipient abroad',
        body: {
          bodyId: '500000000203',
          serviceCode: '00101001',
          question: 'Шетелде тұратын азаматқа қызмет қалай көрсетіледі? / Как оказывается услуга гражданину, проживающему за рубежом?',
        },
      },
    },
  },
  'list-information-requests': { regulation: REQUESTS },
  'get-information-request': { regulation: REQUESTS },
  'get-information-request-document': { regulation: REQUESTS },
  'post-information-request-answer': { regulation: '§11 (information; oral and telephone help, §11.2)' },
  'post-information-request-refusal': {
    regulation: '§11.1 (secrets protected by law), §12 (repeated refusals)',
    examples: {
      commercialSecret: {
        summary: '§11.1: a lawful refusal, the information is a commercial secret',
        body: { ground: 'commercial_secret', justification: 'Коммерциялық құпия / Сведения составляют коммерческую тайну поставщика' },
      },
    },
  },
  'list-escalations': { regulation: '§12 (several refusals within one month)' },
  'post-discrepancy': {
    regulation: '§20',
    examples: {
      quarter: {
        summary: '§20: the body reported other figures than the UCC for a quarter',
        body: { bodyId: '500000000203', period: '2026-Q1', indicator: 'Өтініштер саны / Количество обращений', bodyFigure: 120, uccFigure: 134, note: 'Ішкі бақылау есебі / Отчёт внутреннего контроля' },
      },
    },
  },
  'list-discrepancies': { regulation: '§20' },
  'get-discrepancy': { regulation: '§20' },
  'post-discrepancy-explanation': { regulation: '§20 (immediately, for each case)' },
  'post-qa-training': { regulation: '§19' },
  'list-qa-trainings': { regulation: '§19' },
  'get-qa-training': { regulation: '§19' },
  'post-qa-training-schedule': { regulation: '§19' },
  'post-qa-training-held': { regulation: '§19' },
  'post-complaint': { regulation: COMPLAINTS },
  'list-complaints': { regulation: COMPLAINTS },
  'get-complaint': { regulation: COMPLAINTS },
  'get-complaint-document': { regulation: COMPLAINTS },
  'post-complaint-outcome': {
    regulation: COMPLAINTS,
    examples: {
      satisfied: {
        summary: 'The body satisfied the complaint within its review period',
        body: { decision: 'satisfied', summary: 'Құжаттар қабылданды / Документы приняты, заявителю дан ответ' },
      },
    },
  },
  'get-complaint-violations': { regulation: '§18 (violations of the legal review periods, by the 5th of the next month)' },
  'get-compliance-ranking': { regulation: '§21' },
  'post-information-update': {
    regulation: '§6 (changes sent within 3 working days)',
    examples: {
      schedule: {
        summary: '§6: the working schedule of a service changed',
        body: {
          bodyId: '500000000203',
          serviceCode: '00101001',
          changedOn: '2026-04-01',
          changes: { schedule: { kk: 'Дүйсенбі–жұма, 9:00–18:00', ru: 'Понедельник–пятница, 9:00–18:00' } },
        },
      },
    },
  },
  'list-information-updates': { regulation: '§6' },
  'get-information-update': { regulation: '§6' },
  'post-information-update-registration': { regulation: '§6' },
  'post-information-update-return': { regulation: '§6' },
  'get-knowledge-base-information': { regulation: '§6' },
  'get-knowledge-base-versions': { regulation: '§6' },
  'post-appeal': {
    regulation: '§13 (the appeals the quarterly report counts)',
    examples: {
      call: {
        summary: 'A call to 1414: the UCC told the recipient the stage of their application (§15)',
        body: {
          id: 'call-2026-04-01-000123',
          channel: 'phone_1414',
          serviceCode: '00101001',
          topic: 'stage',
          region: 'almaty',
          outcome: 'stage_given',
          occurredAt: '2026-04-01T10:15:00+05:00',
          operator: 'op-017',
          bodyId: '500000000203',
          contact: { fullName: 'Жұмабекова Сәуле Маратқызы', phone: '+7 701 000 00 01' },
        },
      },
    },
  },
  'post-appeal-batch': { regulation: '§13', requestBody: z.strictObject({ items: z.array(appealSchema).min(1).max(MAX_BATCH_APPEALS) }) },
  'get-appeal': { regulation: '§13' },
  'get-appeal-counters': { regulation: '§13 (the quarterly report on appeals), §14 (due 10 calendar days after the quarter)' },
  'list-reports': { regulation: REPORTS },
  'get-report': { regulation: REPORTS },
  'get-report-file': { regulation: REPORTS },
  'post-report': {
    regulation: REPORTS,
    examples: {
      monthly: { summary: '§18: the analysis of March 2026, due on 6 April (the 5th is a Sunday)', body: { type: 'monthly-complaints', period: '2026-03' } },
      quarterly: { summary: '§13–§14: the appeals of 2026-Q1, due 10 calendar days after the quarter', body: { type: 'quarterly-appeals', period: '2026-Q1' } },
    },
  },
};
