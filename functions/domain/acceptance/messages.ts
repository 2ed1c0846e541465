import type { OutboxMessage } from '../ports.ts';
import type { Acceptance, DeadlineRecord } from './acceptance.ts';

/**
 * E-mails of the acceptance process, each in Kazakh then Russian (docs/design.md "E-mail"). The
 * message id is derived from the acceptance, the purpose and the version that produced it, so
 * the same event is never mailed twice.
 */
const ddmmyyyy = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
const due = (deadline: DeadlineRecord | undefined): string => (deadline === undefined ? '—' : `${ddmmyyyy(deadline.dueDate)} 23:59`);

const service = (acceptance: Acceptance) => ({
  kk: `«${acceptance.serviceName.kk}» (${acceptance.serviceCode})`,
  ru: `«${acceptance.serviceName.ru}» (${acceptance.serviceCode})`,
});

const footer = (acceptance: Acceptance): string =>
  `\n\n—\nUCC Interop · acceptance ${acceptance.id} · ${acceptance.bodyId}\n` +
  'Бұл хат автоматты түрде жіберілді. / Это письмо отправлено автоматически.';

function message(acceptance: Acceptance, purpose: string, to: string[], subject: { kk: string; ru: string }, body: { kk: string; ru: string }): OutboxMessage {
  return {
    messageId: `${acceptance.id}:${purpose}:v${acceptance.version}`,
    purpose,
    to: [...new Set(to)],
    subject: `${subject.kk} / ${subject.ru}`,
    text: `${body.kk}\n\n* * *\n\n${body.ru}${footer(acceptance)}`,
  };
}

const deadlineOf = (acceptance: Acceptance, key: DeadlineRecord['key']) =>
  [...acceptance.deadlines].reverse().find((deadline) => deadline.key === key && deadline.status === 'open');

/** §4: the request to the body's official address. */
export function requestMessage(acceptance: Acceptance, bodyEmail: string): OutboxMessage {
  const name = service(acceptance);
  const deadline = due(deadlineOf(acceptance, 'appointResponsible'));
  return message(
    acceptance,
    'request',
    [bodyEmail],
    { kk: `1414 БКО: қызметті консультациялауға қабылдау туралы сұрау ${acceptance.serviceCode}`, ru: `ЕКЦ 1414: запрос о приеме услуги на консультирование ${acceptance.serviceCode}` },
    {
      kk:
        `Бірыңғай байланыс орталығы (1414) ${name.kk} мемлекеттік көрсетілетін қызметін консультациялауға қабылдау үшін ` +
        `оны көрсету тәртібі туралы ақпарат беруді және БКО қызметкерлерін оқытуды сұрайды (Қағидалардың 4-тармағы).\n` +
        `Жауапты тұлғаны ${deadline} дейін тағайындаңыз (5-тармақ, 2 жұмыс күні).`,
      ru:
        `Единый контакт-центр (1414) для приема на консультирование государственной услуги ${name.ru} запрашивает ` +
        `информацию о порядке ее оказания и обучение сотрудников ЕКЦ (пункт 4 Правил).\n` +
        `Назначьте ответственное лицо до ${deadline} (пункт 5, 2 рабочих дня).`,
    },
  );
}

/** §5: tells the appointed person what to submit and by when. */
export function appointmentMessage(acceptance: Acceptance): OutboxMessage {
  const name = service(acceptance);
  const deadline = due(deadlineOf(acceptance, 'submitInformation'));
  const person = acceptance.responsiblePerson!;
  return message(
    acceptance,
    'appointment',
    [person.email],
    { kk: `1414 БКО: ${acceptance.serviceCode} қызметі бойынша ақпарат беру`, ru: `ЕКЦ 1414: представление информации по услуге ${acceptance.serviceCode}` },
    {
      kk:
        `Сіз ${name.kk} қызметі бойынша жауапты тұлға болып тағайындалдыңыз.\n` +
        `Қағидаларға қосымшадағы нысан бойынша ақпаратты (қызметтің атауы мен коды, көрсетушісі, өтініштер қабылданатын орындар, ` +
        `мерзімі, нысаны, нәтижесі, ақысы, жұмыс кестесі, құжаттар тізбесі, бас тарту негіздері, өзге талаптар, байланыс деректері, ` +
        `жауапты орындаушы) басшының қолымен ${deadline} дейін ұсыныңыз (5-тармақ, 3 жұмыс күні).`,
      ru:
        `Вы назначены ответственным лицом по услуге ${name.ru}.\n` +
        `Представьте информацию по форме приложения к Правилам (наименование и код услуги, услугодатель, места приема заявлений, ` +
        `срок, форма, результат, стоимость, график работы, перечень документов, основания для отказа, иные требования, контакты, ` +
        `ответственный исполнитель), подписанную руководителем, до ${deadline} (пункт 5, 3 рабочих дня).`,
    },
  );
}

/** The information came back with reasons: resubmit by the new deadline. */
export function returnMessage(acceptance: Acceptance, reasons: string[], to: string): OutboxMessage {
  const name = service(acceptance);
  const deadline = due(deadlineOf(acceptance, 'returnedInformation'));
  const list = reasons.map((reason) => `  – ${reason}`).join('\n');
  return message(
    acceptance,
    `return-${acceptance.returns.length}`,
    [to],
    { kk: `1414 БКО: ${acceptance.serviceCode} бойынша ақпарат қайтарылды`, ru: `ЕКЦ 1414: информация по услуге ${acceptance.serviceCode} возвращена` },
    {
      kk: `${name.kk} қызметі бойынша ақпарат пысықтауға қайтарылды:\n${list}\nТүзетілген ақпаратты ${deadline} дейін ұсыныңыз.`,
      ru: `Информация по услуге ${name.ru} возвращена на доработку:\n${list}\nПредставьте исправленную информацию до ${deadline}.`,
    },
  );
}

/** §5 registered; §8 training is due. */
export function registrationMessage(acceptance: Acceptance, to: string): OutboxMessage {
  const name = service(acceptance);
  const deadline = due(deadlineOf(acceptance, 'holdTraining'));
  return message(
    acceptance,
    'registration',
    [to],
    { kk: `1414 БКО: ${acceptance.serviceCode} бойынша ақпарат тіркелді`, ru: `ЕКЦ 1414: информация по услуге ${acceptance.serviceCode} зарегистрирована` },
    {
      kk: `${name.kk} қызметі бойынша ақпарат БКО дерекқорына енгізілді. БКО қызметкерлерін оқытуды ${deadline} дейін ұйымдастырыңыз (8-тармақ).`,
      ru: `Информация по услуге ${name.ru} внесена в базу данных ЕКЦ. Организуйте обучение сотрудников ЕКЦ до ${deadline} (пункт 8).`,
    },
  );
}

/** §8–§9: the protocol is signed; consulting starts on the date computed. */
export function protocolMessage(acceptance: Acceptance, recipients: string[]): OutboxMessage {
  const name = service(acceptance);
  const starts = ddmmyyyy(acceptance.consultationStartsOn!);
  return message(
    acceptance,
    'protocol',
    recipients,
    { kk: `1414 БКО: ${acceptance.serviceCode} қабылдау хаттамасы`, ru: `ЕКЦ 1414: протокол приема услуги ${acceptance.serviceCode}` },
    {
      kk: `${name.kk} қызметін консультациялауға қабылдау хаттамасына қол қойылды. БКО ${starts} бастап консультация береді (9-тармақ).`,
      ru: `Протокол приема услуги ${name.ru} на консультирование подписан. ЕКЦ начинает консультирование с ${starts} (пункт 9).`,
    },
  );
}

/** §9: consulting has started. */
export function liveMessage(acceptance: Acceptance, recipients: string[]): OutboxMessage {
  const name = service(acceptance);
  return message(
    acceptance,
    'live',
    recipients,
    { kk: `1414 БКО: ${acceptance.serviceCode} бойынша консультация басталды`, ru: `ЕКЦ 1414: начато консультирование по услуге ${acceptance.serviceCode}` },
    {
      kk: `Бүгіннен бастап БКО (1414) ${name.kk} қызметі бойынша көрсетілетін қызметті алушыларға консультация береді (9-тармақ).`,
      ru: `С сегодняшнего дня ЕКЦ (1414) консультирует услугополучателей по услуге ${name.ru} (пункт 9).`,
    },
  );
}
