import { describe, expect, it } from 'vitest';
import { applyAcceptanceAction, type CommandOutcome } from '#domain/acceptance/acceptance-commands.ts';
import {
  BODY_ACTOR,
  BODY_EMAIL,
  JOB_ACTOR,
  PERSON_EMAIL,
  SPEC,
  UCC_ACTOR,
  UCC_EMAIL,
  at,
  contextAt,
  fullWalk,
  open,
  stateIn,
  steps,
} from './acceptance-fixtures.ts';

const KAZAKH_LETTERS = /[әғқңөұүһі]/i;
const CYRILLIC = /[а-яё]/i;
const ACTORS = [UCC_ACTOR, BODY_ACTOR, BODY_ACTOR, UCC_ACTOR, BODY_ACTOR, UCC_ACTOR, BODY_ACTOR, UCC_ACTOR, JOB_ACTOR];

describe('openAcceptance', () => {
  it('emits AcceptanceOpened and DeadlineOpened for the body, by the actor', () => {
    const { events } = open('2026-03-19T10:00:00+05:00', UCC_ACTOR);

    expect(events.map((event) => event.type)).toEqual(['AcceptanceOpened', 'DeadlineOpened']);
    for (const event of events) {
      expect(event).toMatchObject({ actor: UCC_ACTOR, at: '2026-03-19T05:00:00.000Z', aggregateType: 'Acceptance', aggregateId: SPEC.id });
      expect(event.data.bodyId).toBe(SPEC.bodyId);
    }
    expect(events[0]?.data.serviceCode).toBe(SPEC.serviceCode);
  });

  it('sends one request to the body, in Kazakh / Russian, with the due date', () => {
    // Act
    const { messages } = open('2026-03-19T10:00:00+05:00');

    // Assert
    expect(messages).toHaveLength(1);
    const [request] = messages;
    expect(request?.to).toEqual([BODY_EMAIL]);
    expect(request?.purpose).toBe('request');
    const parts = request?.subject.split(' / ') ?? [];
    expect(parts).toHaveLength(2);
    const [kk, ru] = parts as [string, string];
    expect(kk).toMatch(KAZAKH_LETTERS);
    expect(kk).toMatch(/^1414 БКО: /);
    expect(ru).toMatch(CYRILLIC);
    expect(ru).toMatch(/^ЕКЦ 1414: /);
    expect(ru).not.toMatch(KAZAKH_LETTERS);
    expect(kk).toContain(SPEC.serviceCode);
    expect(ru).toContain(SPEC.serviceCode);
    expect(request?.text).toContain('26.03.2026 23:59');
    expect(request?.text).toContain(SPEC.serviceName.kk);
    expect(request?.text).toContain(SPEC.serviceName.ru);
  });
});

describe('applyAcceptanceAction', () => {
  describe('events', () => {
    it('emits the expected event types at every step of the walk', () => {
      const types = fullWalk().map((outcome) => outcome.events.map((event) => event.type));

      expect(types).toEqual([
        ['AcceptanceOpened', 'DeadlineOpened'],
        ['ResponsiblePersonAppointed', 'DeadlineClosed', 'DeadlineOpened'],
        ['DeadlineClosed', 'InformationSubmitted', 'DeadlineOpened'],
        ['InformationReturned', 'DeadlineOpened'],
        ['DeadlineClosed', 'InformationSubmitted'],
        ['InformationRegistered'],
        ['DeadlineClosed', 'TrainingHeld'],
        ['DeadlineOpened', 'ProtocolSigned'],
        ['DeadlineClosed', 'AcceptanceLive'],
      ]);
    });

    it('stamps every event with the bodyId, the acting user and the step instant', () => {
      const outcomes = fullWalk();

      outcomes.forEach((outcome, index) => {
        const lastHistory = outcome.state.history[outcome.state.history.length - 1];
        for (const event of outcome.events) {
          expect(event.data.bodyId).toBe(SPEC.bodyId);
          expect(event.actor).toBe(ACTORS[index]);
          expect(event.at).toBe(lastHistory?.at);
          expect(event.aggregateId).toBe(SPEC.id);
        }
      });
    });

    it('describes the closed deadlines and the submissions in the event data', () => {
      const outcomes = fullWalk();

      const closed = outcomes.flatMap((outcome) => outcome.events.filter((event) => event.type === 'DeadlineClosed').map((event) => [event.data.key, event.data.status]));
      const submissions = outcomes.flatMap((outcome) =>
        outcome.events.filter((event) => event.type === 'InformationSubmitted').map((event) => event.data.submission),
      );

      expect(closed).toEqual([
        ['appointResponsible', 'met'],
        ['submitInformation', 'met'],
        ['returnedInformation', 'met'],
        ['holdTraining', 'met'],
        ['startConsultation', 'met'],
      ]);
      expect(submissions).toEqual([1, 2]);
      expect(at(outcomes, 7).events[1]?.data).toMatchObject({ signedOn: '2026-04-07', consultationStartsOn: '2026-04-15' });
    });
  });

  describe('e-mails', () => {
    it('mails each step to the right people, and nothing for information or training', () => {
      const outcomes = fullWalk();

      const sent = outcomes.map((outcome) => outcome.messages.map((message) => [message.purpose, message.to]));

      expect(sent).toEqual([
        [['request', [BODY_EMAIL]]],
        [['appointment', [PERSON_EMAIL]]],
        [],
        [['return-1', [PERSON_EMAIL]]],
        [],
        [['registration', [PERSON_EMAIL]]],
        [],
        [['protocol', [BODY_EMAIL, PERSON_EMAIL, UCC_EMAIL]]],
        [['live', [BODY_EMAIL, PERSON_EMAIL, UCC_EMAIL]]],
      ]);
    });

    it('writes every subject as Kazakh / Russian', () => {
      const messages = fullWalk().flatMap((outcome) => outcome.messages);

      expect(messages).toHaveLength(6);
      for (const message of messages) {
        const [kk, ru, ...rest] = message.subject.split(' / ');
        expect(rest).toEqual([]);
        expect(kk).toMatch(/^1414 БКО: /); // Бірыңғай байланыс орталығы
        expect(ru).toMatch(/^ЕКЦ 1414: /); // Единый контакт-центр
        expect(ru).not.toMatch(KAZAKH_LETTERS);
        expect(kk).toContain(SPEC.serviceCode);
        expect(ru).toContain(SPEC.serviceCode);
      }
    });

    it('puts the due dates and the start date in the texts', () => {
      const outcomes = fullWalk();

      expect(at(outcomes, 1).messages[0]?.text).toContain('30.03.2026 23:59');
      expect(at(outcomes, 3).messages[0]?.text).toContain('02.04.2026 23:59');
      expect(at(outcomes, 3).messages[0]?.text).toContain('Не указан срок оказания услуги');
      expect(at(outcomes, 5).messages[0]?.text).toContain('03.04.2026 23:59');
      expect(at(outcomes, 7).messages[0]?.text).toContain('15.04.2026');
    });

    it('gives unique message ids across a whole walk, the same ones on a second identical walk', () => {
      const ids = (outcomes: CommandOutcome[]) => outcomes.flatMap((outcome) => outcome.messages.map((message) => message.messageId));

      const first = ids(fullWalk());
      const second = ids(fullWalk());

      expect(first).toHaveLength(6);
      expect(new Set(first).size).toBe(first.length);
      expect(second).toEqual(first);
      for (const id of first) expect(id).toContain(SPEC.id);
    });

    it('mails the protocol to the body and the person only when no UCC address is configured', () => {
      const state = stateIn('trainingHeld');

      const { messages } = applyAcceptanceAction(state, steps.protocol('2026-04-07'), contextAt('2026-04-07T15:00:00+05:00', UCC_ACTOR, { withUccEmail: false }));

      expect(messages.map((message) => message.to)).toEqual([[BODY_EMAIL, PERSON_EMAIL]]);
    });

    it('does not repeat an address shared by the body and the responsible person', () => {
      const state = stateIn('requested');
      const appointed = applyAcceptanceAction(state, steps.responsible(BODY_EMAIL), contextAt('2026-03-20T11:00:00+05:00', BODY_ACTOR)).state;
      const submitted = applyAcceptanceAction(appointed, steps.information(), contextAt('2026-03-27T10:00:00+05:00', BODY_ACTOR)).state;
      const registered = applyAcceptanceAction(submitted, steps.registration(), contextAt('2026-03-27T12:00:00+05:00')).state;
      const trained = applyAcceptanceAction(registered, steps.training('2026-04-03'), contextAt('2026-04-03T12:00:00+05:00', BODY_ACTOR)).state;

      const { messages } = applyAcceptanceAction(trained, steps.protocol('2026-04-07'), contextAt('2026-04-07T15:00:00+05:00'));

      expect(messages.map((message) => message.to)).toEqual([[BODY_EMAIL, UCC_EMAIL]]);
    });
  });
});
