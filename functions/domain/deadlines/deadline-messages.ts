import type { OutboxMessage } from '../ports.ts';
import type { MonitoredDeadline, NoticeStage } from './monitored-deadline.ts';

/** The deadline monitor's e-mails, Kazakh then Russian. */
const ddmmyyyy = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

const WHAT: Record<string, { kk: string; ru: string }> = {
  appointResponsible: { kk: 'жауапты тұлғаны тағайындау (5-тармақ)', ru: 'назначение ответственного лица (пункт 5)' },
  submitInformation: { kk: 'басшы қол қойған ақпаратты ұсыну (5-тармақ)', ru: 'представление информации, подписанной руководителем (пункт 5)' },
  returnedInformation: { kk: 'қайтарылған ақпаратты қайта ұсыну (5-тармақ)', ru: 'повторное представление возвращенной информации (пункт 5)' },
  startConsultation: { kk: 'консультациялауды бастау (9-тармақ)', ru: 'начало консультирования (пункт 9)' },
  holdTraining: { kk: 'БКО қызметкерлерін оқыту (8-тармақ)', ru: 'обучение сотрудников ЕКЦ (пункт 8)' },
  discrepancyExplanation: { kk: 'есептілік айырмашылығын түсіндіру (20-тармақ)', ru: 'объяснение расхождения в отчетности (пункт 20)' },
  trainQualityAuthority: { kk: 'сапа органының қызметкерлерін оқыту (19-тармақ)', ru: 'обучение сотрудников уполномоченного органа (пункт 19)' },
  answerInformationRequest: { kk: 'БКО сұрауына ақпарат беру (10–11-тармақтар)', ru: 'ответ на запрос информации ЕКЦ (пункты 10–11)' },
  complaintReview: {
    kk: 'шағымды қарау («Мемлекеттік көрсетілетін қызметтер туралы» Заңның 25-бабы)',
    ru: 'рассмотрение жалобы (статья 25 Закона «О государственных услугах»)',
  },
  monthlyReport: {
    kk: 'шағымдар бойынша ай сайынғы талдамалық есепті сапа органына жіберу (18-тармақ)',
    ru: 'направление ежемесячного аналитического отчёта по жалобам в уполномоченный орган (пункт 18)',
  },
  quarterlyReport: {
    kk: 'өтініштер туралы тоқсандық есепті ақпараттандыру органына жіберу (13–14-тармақтар)',
    ru: 'направление ежеквартального отчёта об обращениях в уполномоченный орган по информатизации (пункты 13–14)',
  },
  complaintReviewByAuthority: {
    kk: 'уәкілетті органның шағымды қарауы («Мемлекеттік көрсетілетін қызметтер туралы» Заңның 25-бабы)',
    ru: 'рассмотрение жалобы уполномоченным органом (статья 25 Закона «О государственных услугах»)',
  },
};

const REPORT_KEYS: readonly string[] = ['monthlyReport', 'quarterlyReport'];

const SUBJECTS: Record<NoticeStage | 'moved', { kk: string; ru: string }> = {
  reminder: { kk: 'Еске салу: мерзім жақындап қалды', ru: 'Напоминание: приближается срок' },
  dueDay: { kk: 'Еске салу: мерзім бүгін аяқталады', ru: 'Напоминание: срок истекает сегодня' },
  breach: { kk: 'Мерзім бұзылды', ru: 'Нарушен срок' },
  escalation: { kk: 'Мерзім бұзылуы: БКО операторларына', ru: 'Нарушение срока: операторам ЕКЦ' },
  moved: { kk: 'Мерзім өзгерді', ru: 'Срок изменен' },
};

export function deadlineMessage(
  deadline: MonitoredDeadline,
  stage: NoticeStage | 'moved',
  to: string[],
  cc: string[] = [],
  previousDueAt?: string,
  /** The body's name, for the UCC's escalation (its BIN otherwise). */
  bodyName?: { kk: string; ru: string },
): OutboxMessage {
  const body = bodyName ?? { kk: deadline.subject.bodyId, ru: deadline.subject.bodyId };
  const what = WHAT[deadline.key] ?? { kk: deadline.key, ru: deadline.key };
  // A request for information (§10) may concern no one service: it is named by its id then.
  const code = deadline.subject.serviceCode ?? deadline.subject.id;
  const service = deadline.subject.serviceName ?? { kk: `БКО сұрауы ${deadline.subject.id}`, ru: `запрос ЕКЦ ${deadline.subject.id}` };
  const due = `${ddmmyyyy(deadline.dueDate)} 23:59`;
  const lines = {
    reminder: { kk: `${what.kk}: мерзімі ${due}.`, ru: `${what.ru}: срок — ${due}.` },
    dueDay: { kk: `${what.kk}: мерзімі бүгін, ${due}.`, ru: `${what.ru}: срок истекает сегодня, ${due}.` },
    breach: REPORT_KEYS.includes(deadline.key)
      ? // The UCC's own report (§13–§14, §18): nothing goes on a body's record.
        { kk: `${what.kk}: есеп мерзімінде (${due}) жіберілмеді.`, ru: `${what.ru}: отчёт не был направлен в срок (${due}).` }
      : {
          kk: `${what.kk}: мерзімі ${due} өтіп кетті. Бұзушылық органның сәйкестік жазбасына енгізілді (21-тармақ).`,
          ru: `${what.ru}: срок ${due} истек. Нарушение внесено в запись о соблюдении сроков органом (пункт 21).`,
        },
    escalation: {
      kk: `${what.kk}: мерзімі ${due} өткеннен кейін де орындалмады. Орган: ${body.kk} (БСН ${deadline.subject.bodyId}).`,
      ru: `${what.ru}: не исполнено и после истечения срока ${due}. Орган: ${body.ru} (БИН ${deadline.subject.bodyId}).`,
    },
    moved: {
      kk: `Жұмыс күндерінің күнтізбесі өзгергендіктен ${what.kk} мерзімі ${previousDueAt ? ddmmyyyy(previousDueAt.slice(0, 10)) : ''} орнына ${due} болды.`,
      ru: `В связи с изменением календаря рабочих дней срок (${what.ru}) перенесен${previousDueAt ? ` с ${ddmmyyyy(previousDueAt.slice(0, 10))}` : ''} на ${due}.`,
    },
  }[stage];
  return {
    // A move is one message per (from, to): moving back and forth again is announced again.
    messageId: `${deadline.id}:${stage}:${deadline.dueAt}${stage === 'moved' ? `:from:${previousDueAt ?? ''}:v${deadline.version}` : ''}`,
    purpose: `deadline-${stage}`,
    to: [...new Set(to)],
    ...(cc.length > 0 ? { cc: [...new Set(cc)].filter((address) => !to.includes(address)) } : {}),
    // The subject names the step and its §, so a reader knows what is due before opening it.
    subject: `1414 БКО: ${SUBJECTS[stage].kk} (${code}): ${what.kk} / ЕКЦ 1414: ${SUBJECTS[stage].ru} (${code}): ${what.ru}`,
    text:
      `«${service.kk}» (${code})\n${lines.kk}\n\n* * *\n\n«${service.ru}» (${code})\n${lines.ru}` +
      `\n\n—\nUCC Interop · ${deadline.subject.type} ${deadline.subject.id} · ${deadline.cite}`,
  };
}
