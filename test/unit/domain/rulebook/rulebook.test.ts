import { describe, expect, it } from 'vitest';
import { NoRulebookInForceError, RULE_KEYS, rulebookOn, type Rulebook } from '#domain/rulebook/rulebook.ts';
import { RULEBOOK_2013, SEED_RULEBOOKS } from '#domain/rulebook/seed-rulebooks.ts';

describe('RULEBOOK_2013', () => {
  it('holds every rule of Decree No. 797 with its duration and citation', () => {
    // Arrange: the table of docs/regulation.md
    const expected = {
      appointResponsible: ['working-days', 2, '§5'],
      submitInformation: ['working-days', 3, '§5'],
      updateInformation: ['working-days', 3, '§6'],
      responsiblePersonNotice: ['working-days', 3, '§7'],
      holdTraining: ['working-days', 5, '§8'],
      startConsultation: ['working-days-start-after', 5, '§9'],
      quarterlyReport: ['calendar-days-after-period', 10, '§14'],
      monthlyReport: ['day-of-following-month', 5, '§18'],
      complaintReview: ['working-days', 5, 'Law "On public services" No. 88-V of 15 April 2013, Art. 25'],
      complaintReviewByAuthority: ['working-days', 15, 'Law "On public services" No. 88-V of 15 April 2013, Art. 25'],
      discrepancyExplanation: ['working-days', 1, '§20'],
      returnedInformation: ['working-days', 3, '§5'],
      escalationAfterBreach: ['working-days', 2, '§21 (rulebook setting for the deadline monitor)'],
      answerInformationRequest: ['working-days', 3, '§10–§11 (rulebook setting: the Rules name no period)'],
      trainQualityAuthority: ['working-days', 10, '§19 (rulebook setting: the Rules name no period)'],
    };

    // Act
    const actual = Object.fromEntries(
      Object.entries(RULEBOOK_2013.rules).map(([key, rule]) => [key, [rule.kind, rule.value, rule.cite]]),
    );

    // Assert
    expect(actual).toEqual(expected);
    expect(Object.keys(RULEBOOK_2013.rules).sort()).toEqual([...RULE_KEYS].sort());
  });

  it('moves only the report deadlines to the next working day', () => {
    const moving = RULE_KEYS.filter((key) => RULEBOOK_2013.rules[key].moveToWorkingDay === true);

    expect(moving).toEqual(['quarterlyReport', 'monthlyReport']);
  });

  it('describes every rule and records the act and its repeal', () => {
    expect(RULE_KEYS.every((key) => RULEBOOK_2013.rules[key].description.trim() !== '')).toBe(true);
    expect(RULEBOOK_2013.act).toContain('No. 797 of 6 August 2013');
    expect(RULEBOOK_2013.act).toContain('No. 624 of 10 August 2015');
    expect(RULEBOOK_2013.effectiveFrom).toBe('2013-08-20');
    expect(RULEBOOK_2013.effectiveTo).toBeUndefined();
  });
});

describe('rulebookOn', () => {
  const book = (id: string, effectiveFrom: string, effectiveTo?: string): Rulebook =>
    effectiveTo === undefined
      ? { ...RULEBOOK_2013, id, effectiveFrom }
      : { ...RULEBOOK_2013, id, effectiveFrom, effectiveTo };

  it('applies the 2013 rulebook today', () => {
    expect(rulebookOn('2026-06-01', SEED_RULEBOOKS).id).toBe('kz-gov-797-2013');
    expect(rulebookOn('2013-08-20', SEED_RULEBOOKS).id).toBe('kz-gov-797-2013');
  });

  it('throws NoRulebookInForceError before the first rulebook', () => {
    expect(() => rulebookOn('2013-08-19', SEED_RULEBOOKS)).toThrow(NoRulebookInForceError);
  });

  it('treats effectiveTo as the last day in force and picks the latest start on overlap', () => {
    // Arrange
    const books = [book('old', '2013-08-20', '2015-08-10'), book('new', '2015-08-11'), book('newer', '2020-01-01')];

    // Act / Assert
    expect(rulebookOn('2015-08-10', books).id).toBe('old');
    expect(rulebookOn('2015-08-11', books).id).toBe('new');
    expect(rulebookOn('2026-01-01', books).id).toBe('newer');
  });

  it('rejects a malformed date', () => {
    expect(() => rulebookOn('2026-13-01', SEED_RULEBOOKS)).toThrow(RangeError);
  });
});
