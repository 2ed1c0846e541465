import * as z from 'zod';
import { MAX_BATCH_APPEALS } from '#domain/appeals/appeal-intake.ts';
import { appealSchema } from '#domain/appeals/appeal.ts';
import { calendarYearBodySchema } from '#domain/calendar/calendar-year.ts';
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
const LAW_ON_HOLIDAYS = 'Law of the Republic of Kazakhstan "On holidays in the Republic of Kazakhstan" No. 267-II of 13 December 2001, Art. 5';
const NAURYZ = { kk: 'Наурыз мейрамы', ru: 'Наурыз мейрамы', en: 'Nauryz' };

export const ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'get-health': { regulation: 'none: an operations route (liveness), outside the regulation' },
  'get-openapi': { regulation: 'none: the description of this API (issue 16), outside the regulation' },
  'get-docs': { regulation: 'none: the description of this API (issue 16), outside the regulation' },
  'get-docs-script': { regulation: 'none: the description of this API (issue 16), outside the regulation' },
  'get-calendar-year': { regulation: HOLIDAYS },
  // The route bounds the body to an object; the use-case checks it (its fields named `body.entries[i].…`).
  'put-calendar-year': {
    regulation: HOLIDAYS,
    requestBody: calendarYearBodySchema,
    examples: {
      nauryz: {
        summary: 'Art. 5: Nauryz 2026 falls on Saturday–Monday, so the weekend days off move to 24 and 25 March (abridged: a PUT replaces the whole year)',
        body: {
          entries: [
            { date: '2026-03-21', kind: 'holiday', name: NAURYZ, source: LAW_ON_HOLIDAYS },
            { date: '2026-03-22', kind: 'holiday', name: NAURYZ, source: LAW_ON_HOLIDAYS },
            { date: '2026-03-23', kind: 'holiday', name: NAURYZ, source: LAW_ON_HOLIDAYS },
            { date: '2026-03-24', kind: 'moved', name: NAURYZ, source: LAW_ON_HOLIDAYS, note: 'day off moved from Sat 2026-03-21' },
            { date: '2026-03-25', kind: 'moved', name: NAURYZ, source: LAW_ON_HOLIDAYS, note: 'day off moved from Sun 2026-03-22' },
          ],
        },
      },
    },
  },
  'get-calendar-recalculation': { regulation: HOLIDAYS },
  'get-calendar-year-audit': { regulation: HOLIDAYS },
  'get-deadline': {
    regulation: `${HOLIDAYS}; §14 and §18 count calendar days`,
    examples: {
      responsiblePerson: { summary: '§5: 2 working days from a request received on the eve of Nauryz', query: { from: '2026-03-20T10:00:00+05:00', workingDays: '2' } },
    },
  },
  'get-working-days': {
    regulation: HOLIDAYS,
    examples: { march: { summary: 'The working days of March 2026 (Nauryz and its moved days off excluded)', query: { from: '2026-03-01', to: '2026-03-31' } } },
  },
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
  'list-bodies': { regulation: DIRECTORY, examples: { akimats: { summary: 'The local executive bodies (akimats)', query: { kind: 'local_executive_body' } } } },
  'get-body': { regulation: DIRECTORY },
  // A merge patch (RFC 7396) of the body's fields: any of them; null removes an optional one.
  'patch-body': {
    regulation: DIRECTORY,
    requestBody: bodyFieldsSchema.partial(),
    examples: {
      newHead: {
        summary: 'A new akim: only the head changes, the other fields stay',
        body: { head: { fullName: 'Нұрланов Дәулет Серікұлы', position: 'Әкім / Аким', email: 'akim@akimat.example.kz' } },
      },
    },
  },
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
  'get-body-compliance': { regulation: '§21', examples: { quarter: { summary: '§21: the body’s deadlines of 2026-Q1', query: { from: '2026-01-01', to: '2026-03-31' } } } },
  'post-service-stage': {
    regulation: '§16',
    examples: {
      inReview: {
        summary: '§16: the provider took an application into review, so a caller to 1414 can be told its stage (§15)',
        body: { applicationNumber: 'KZ-2026-0412-00087', serviceCode: '00101001', stage: 'in_review', occurredAt: '2026-04-02T11:30:00+05:00', note: 'Құжаттар тексерілуде / Документы на проверке' },
      },
    },
  },
  'post-service-stage-batch': {
    regulation: '§16',
    requestBody: z.strictObject({ items: z.array(stageEventSchema).min(1).max(MAX_BATCH_EVENTS) }),
    examples: {
      day: {
        summary: '§16: a day’s stage events sent at once, each accepted or rejected on its own',
        body: {
          items: [
            { applicationNumber: 'KZ-2026-0412-00087', serviceCode: '00101001', stage: 'result_ready', occurredAt: '2026-04-03T15:00:00+05:00' },
            { applicationNumber: 'KZ-2026-0412-00088', serviceCode: '00101001', stage: 'refused', occurredAt: '2026-04-03T16:20:00+05:00', details: { ground: 'incomplete_documents' } },
          ],
        },
      },
    },
  },
  'get-service-application': { regulation: '§15, §16' },
  'post-client': {
    regulation: CLIENTS,
    examples: {
      bodySystem: { summary: 'The akimat’s system calls with its own key, bound to its BIN', body: { name: 'Алматы әкімдігінің АЖ / ИС акимата Алматы', role: 'body', bodyId: '500000000203' } },
      operator: { summary: 'An operator workstation of the UCC', body: { name: '1414 операторы / Оператор 1414', role: 'ucc_operator' } },
    },
  },
  'list-clients': { regulation: CLIENTS },
  'get-client': { regulation: CLIENTS },
  'delete-client': { regulation: CLIENTS },
  'post-client-key': {
    regulation: CLIENTS,
    examples: { rotate: { summary: 'A new key; the old one keeps working for 24 hours while the client switches', body: { graceHours: 24 } } },
  },
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
  'list-plans': { regulation: '§3', examples: { approved: { summary: '§3: the approved plan-schedules', query: { status: 'approved' } } } },
  'get-plan': { regulation: '§3' },
  'post-plan-approval': {
    regulation: '§3 (approved by the informatization authority)',
    examples: { approve: { summary: '§3: the informatization authority approves the plan (no fields; If-Match names the version read)', body: {} } },
  },
  'post-plan-amendment': {
    regulation: '§3',
    examples: {
      addAndMove: {
        summary: '§3: one service added, another moved a month later',
        body: {
          add: [
            {
              serviceCode: '00201005',
              serviceName: { kk: 'Жер учаскесіне құқық беру', ru: 'Предоставление права на земельный участок' },
              bodyId: '500000000203',
              plannedOn: '2026-06-01',
            },
          ],
          reschedule: [{ itemId: 'plan-3f2a9c4e-7b1d-4e8a-9c6f-2d5b8a1e0f47-i0001', plannedOn: '2026-05-04' }],
          reason: 'Әкімдіктің өтініші бойынша / По просьбе акимата',
        },
      },
    },
  },
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
  'list-acceptances': {
    regulation: ACCEPTANCE,
    examples: { overdue: { summary: 'The akimat’s acceptances waiting for its information, past a deadline', query: { bodyId: '500000000203', status: 'responsibleAppointed', overdue: 'true' } } },
  },
  'get-acceptance': { regulation: ACCEPTANCE },
  'get-acceptance-events': { regulation: ACCEPTANCE },
  'get-acceptance-document': { regulation: '§5 (information signed by the head of the body, Appendix)' },
  'post-acceptance-responsible-person': {
    regulation: '§5 (a responsible person within 2 working days of the request)',
    examples: {
      appoint: {
        summary: '§5: the body names who answers for this service',
        body: { fullName: 'Қасымова Динара Ерланқызы', position: 'Бөлім басшысы / Руководитель отдела', email: 'd.kassymova@akimat.example.kz', phone: '+7 727 000 00 02', appointedOn: '2026-04-02' },
      },
    },
  },
  'post-acceptance-information': {
    regulation: '§5 (the information within 3 working days of the appointment, Appendix)',
    examples: {
      appendix: {
        summary: '§5, Appendix: the information on the service, signed by the head of the body',
        body: {
          serviceName: { kk: 'Тұрғылықты жері бойынша тіркеу', ru: 'Регистрация по месту жительства' },
          serviceCode: '00101001',
          provider: { kk: 'Алматы қаласының әкімдігі', ru: 'Акимат города Алматы' },
          placesOfApplication: { kk: 'Халыққа қызмет көрсету орталықтары, egov.kz порталы', ru: 'Центры обслуживания населения, портал egov.kz' },
          term: { kk: '1 жұмыс күні', ru: '1 рабочий день' },
          forms: ['electronic', 'paper'],
          result: { kk: 'Тіркеу туралы анықтама', ru: 'Справка о регистрации' },
          fee: { free: true },
          schedule: { kk: 'Дүйсенбі–жұма, 9:00–18:00', ru: 'Понедельник–пятница, 9:00–18:00' },
          documents: [{ kk: 'Жеке басты куәландыратын құжат', ru: 'Документ, удостоверяющий личность' }],
          refusalGrounds: [{ kk: 'Құжаттардың толық болмауы', ru: 'Неполный пакет документов' }],
          contacts: { kk: 'Бірыңғай байланыс орталығы 1414', ru: 'Единый контакт-центр 1414' },
          responsibleExecutor: { fullName: 'Қасымова Динара Ерланқызы', position: 'Бөлім басшысы / Руководитель отдела', email: 'd.kassymova@akimat.example.kz', phone: '+7 727 000 00 02' },
          signedBy: { fullName: 'Нұрланов Дәулет Серікұлы', position: 'Әкім / Аким' },
        },
      },
    },
  },
  'post-acceptance-registration': {
    regulation: '§5 (entered into the UCC database)',
    examples: { register: { summary: '§5: the UCC enters the information into its database (no fields; If-Match names the version read)', body: {} } },
  },
  'post-acceptance-return': {
    regulation: '§5',
    examples: {
      incomplete: {
        summary: '§5: the information is returned for completion',
        body: { reasons: ['Қызмет көрсету мерзімі көрсетілмеген / Не указан срок оказания услуги', 'Басшының қолы жоқ / Отсутствует подпись руководителя'] },
      },
    },
  },
  'post-acceptance-training': {
    regulation: '§8 (training within 5 working days of the information)',
    examples: {
      held: {
        summary: '§8: the body trained the UCC operators on the service',
        body: {
          heldOn: '2026-04-08',
          participants: [
            { fullName: 'Ахметова Жанар Болатқызы', position: '1414 операторы / Оператор 1414' },
            { fullName: 'Петренко Ольга Викторовна', position: 'Аға оператор / Старший оператор' },
          ],
          topics: ['Қызмет стандарты / Стандарт услуги', 'Бас тарту негіздері / Основания для отказа'],
        },
      },
    },
  },
  'post-acceptance-protocol': {
    regulation: '§8 (the protocol), §9 (consulting 5 working days after it)',
    examples: {
      signed: {
        summary: '§8: the protocol of acceptance, signed by the UCC and the body',
        body: {
          signedOn: '2026-04-10',
          number: '14/2026',
          signatories: [
            { fullName: 'Ермеков Талгат Нұржанұлы', position: 'БББО директоры / Директор ЕКЦ', party: 'ucc' },
            { fullName: 'Нұрланов Дәулет Серікұлы', position: 'Әкім / Аким', party: 'body' },
          ],
        },
      },
    },
  },
  'get-knowledge-base-entry': { regulation: '§5, §6' },
  'list-deadlines': {
    regulation: '§5–§9, §10–§12, §14, §18–§20 (every deadline the rules set)',
    examples: { dueToday: { summary: 'The akimat’s open deadlines due by the end of 24 March 2026, Almaty time', query: { status: 'open', bodyId: '500000000203', dueBefore: '2026-03-24T23:59:59+05:00' } } },
  },
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
  'list-information-requests': { regulation: REQUESTS, examples: { open: { summary: '§10: the akimat’s unanswered requests', query: { bodyId: '500000000203', status: 'open' } } } },
  'get-information-request': { regulation: REQUESTS },
  'get-information-request-document': { regulation: REQUESTS },
  'post-information-request-answer': {
    regulation: '§11 (information; oral and telephone help, §11.2)',
    examples: {
      written: {
        summary: '§11: a written answer',
        body: { channel: 'written', text: 'Шетелдегі азамат өтінішті egov.kz порталы арқылы береді / Гражданин за рубежом подаёт заявление через портал egov.kz' },
      },
      phone: { summary: '§11.2: help given by telephone, recorded', body: { channel: 'phone', text: 'Телефон арқылы түсіндірілді / Разъяснено по телефону' } },
    },
  },
  'post-information-request-refusal': {
    regulation: '§11.1 (secrets protected by law), §12 (repeated refusals)',
    examples: {
      commercialSecret: {
        summary: '§11.1: a lawful refusal, the information is a commercial secret',
        body: { ground: 'commercial_secret', justification: 'Коммерциялық құпия / Сведения составляют коммерческую тайну поставщика' },
      },
    },
  },
  'list-escalations': {
    regulation: '§12 (several refusals within one month)',
    examples: { month: { summary: '§12: the akimat’s escalations of March 2026', query: { bodyId: '500000000203', month: '2026-03' } } },
  },
  'post-discrepancy': {
    regulation: '§20',
    examples: {
      quarter: {
        summary: '§20: the body reported other figures than the UCC for a quarter',
        body: { bodyId: '500000000203', period: '2026-Q1', indicator: 'Өтініштер саны / Количество обращений', bodyFigure: 120, uccFigure: 134, note: 'Ішкі бақылау есебі / Отчёт внутреннего контроля' },
      },
    },
  },
  'list-discrepancies': { regulation: '§20', examples: { open: { summary: '§20: discrepancies still to be explained', query: { bodyId: '500000000203', status: 'open' } } } },
  'get-discrepancy': { regulation: '§20' },
  'post-discrepancy-explanation': {
    regulation: '§20 (immediately, for each case)',
    examples: {
      duplicates: {
        summary: '§20: the body explains the difference in figures',
        body: { explanation: 'Қайталанған 14 өтініш ескерілмеген / Не учтены 14 повторных обращений одного заявителя' },
      },
    },
  },
  'post-qa-training': {
    regulation: '§19',
    examples: {
      request: {
        summary: '§19: the UCC asks the quality authority to train its operators',
        body: { topic: 'Мемлекеттік қызметтер сапасы / Качество оказания государственных услуг', participants: 25, preferredDates: ['2026-05-12', '2026-05-14'] },
      },
    },
  },
  'list-qa-trainings': { regulation: '§19', examples: { scheduled: { summary: '§19: the trainings with a date set', query: { status: 'scheduled' } } } },
  'get-qa-training': { regulation: '§19' },
  'post-qa-training-schedule': { regulation: '§19', examples: { date: { summary: '§19: the quality authority sets the date', body: { scheduledOn: '2026-05-14' } } } },
  'post-qa-training-held': {
    regulation: '§19',
    examples: {
      held: {
        summary: '§19: the training took place',
        body: {
          heldOn: '2026-05-14',
          participants: [
            { fullName: 'Ахметова Жанар Болатқызы', position: '1414 операторы / Оператор 1414' },
            { fullName: 'Ким Артём Сергеевич', position: '1414 операторы / Оператор 1414' },
          ],
        },
      },
    },
  },
  'post-complaint': {
    regulation: COMPLAINTS,
    examples: {
      staff: {
        summary: 'A complaint on the staff of a body, received through the portal, with its scan',
        body: {
          portalNumber: 'ZH-2026/04-001532',
          bodyId: '500000000203',
          addressedTo: 'service_provider',
          category: 'staff_action_inaction',
          serviceCode: '00101001',
          serviceName: 'Регистрация по месту жительства',
          complainant: { fullName: 'Оспанов Бауыржан Ғаниұлы', phone: '+7 702 000 00 03' },
          receivedAt: '2026-04-06T09:40:00+05:00',
          document: { fileName: 'shagym.pdf', contentType: 'application/pdf', contentBase64: 'JVBERi0xLjQK' },
        },
      },
    },
  },
  'list-complaints': {
    regulation: COMPLAINTS,
    examples: { open: { summary: 'The akimat’s complaints of April 2026 still under review', query: { bodyId: '500000000203', status: 'open', month: '2026-04' } } },
  },
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
  'get-complaint-violations': {
    regulation: '§18 (violations of the legal review periods, by the 5th of the next month)',
    examples: { march: { summary: '§18: the review periods missed in March 2026', query: { month: '2026-03' } } },
  },
  'get-compliance-ranking': { regulation: '§21', examples: { quarter: { summary: '§21: the bodies ranked over 2026-Q1', query: { from: '2026-01-01', to: '2026-03-31' } } } },
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
  'list-information-updates': { regulation: '§6', examples: { submitted: { summary: '§6: the akimat’s changes waiting for registration', query: { bodyId: '500000000203', status: 'submitted' } } } },
  'get-information-update': { regulation: '§6' },
  'post-information-update-registration': {
    regulation: '§6',
    examples: { register: { summary: '§6: the UCC enters the change into its database (no fields)', body: {} } },
  },
  'post-information-update-return': {
    regulation: '§6',
    examples: { unclear: { summary: '§6: the change is returned, it does not say from when it applies', body: { reasons: ['Өзгеріс күні көрсетілмеген / Не указана дата изменения'] } } },
  },
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
  'post-appeal-batch': {
    regulation: '§13',
    requestBody: z.strictObject({ items: z.array(appealSchema).min(1).max(MAX_BATCH_APPEALS) }),
    examples: {
      hour: {
        summary: '§13: an hour of appeals sent at once, each accepted or rejected on its own',
        body: {
          items: [
            { id: 'call-2026-04-01-000124', channel: 'phone_1414', serviceCode: '00101001', topic: 'procedure', region: 'almaty', outcome: 'consulted', occurredAt: '2026-04-01T10:21:00+05:00', operator: 'op-017', bodyId: '500000000203' },
            { id: 'chat-2026-04-01-000031', channel: 'chat', serviceCode: '00101001', topic: 'complaint', region: 'almaty', outcome: 'complaint_procedure_explained', occurredAt: '2026-04-01T10:34:00+05:00', operator: 'op-022', bodyId: '500000000203' },
          ],
        },
      },
    },
  },
  'get-appeal': { regulation: '§13' },
  'get-appeal-counters': {
    regulation: '§13 (the quarterly report on appeals), §14 (due 10 calendar days after the quarter)',
    examples: { quarter: { summary: '§13: the appeals counted in 2026-Q1', query: { quarter: '2026-Q1' } } },
  },
  'list-reports': { regulation: REPORTS, examples: { march: { summary: '§18: the monthly analyses of March 2026', query: { type: 'monthly-complaints', period: '2026-03' } } } },
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
