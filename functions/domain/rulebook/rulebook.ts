/**
 * A rulebook: every deadline duration of the regulation with its § citation, versioned by
 * effective date (docs/design.md "Rulebooks"). A case keeps the rulebook in force when it was opened.
 */
import { assertIsoDate } from '../calendar/local-date.ts';

export const RULE_KEYS = [
  'appointResponsible',
  'submitInformation',
  'updateInformation',
  'responsiblePersonNotice',
  'holdTraining',
  'startConsultation',
  'quarterlyReport',
  'monthlyReport',
  'complaintReview',
  'complaintReviewByAuthority',
  'discrepancyExplanation',
  'returnedInformation',
  'escalationAfterBreach',
  'answerInformationRequest',
  'trainQualityAuthority',
] as const;

export type RuleKey = (typeof RULE_KEYS)[number];

export type RuleKind =
  /** within N working days of the event (addWorkingDays) */
  | 'working-days'
  /** within N calendar days after the end of a period (addCalendarDays) */
  | 'calendar-days-after-period'
  /** by day N of the following month (byDayOfFollowingMonth) */
  | 'day-of-following-month'
  /** starts on the first working day after N working days (startAfterWorkingDays) */
  | 'working-days-start-after';

export interface Rule {
  kind: RuleKind;
  value: number;
  /** '§5' or 'Law "On public services", Art. 25' */
  cite: string;
  description: string;
  /** Civil Code: a period ending on a non-working day ends on the next working day. */
  moveToWorkingDay?: boolean;
}

export interface Rulebook {
  id: string;
  title: string;
  /** 'YYYY-MM-DD', first day in force */
  effectiveFrom: string;
  /** 'YYYY-MM-DD', last day in force (inclusive); absent while in force */
  effectiveTo?: string;
  act: string;
  rules: Record<RuleKey, Rule>;
}

export class NoRulebookInForceError extends Error {
  override readonly name = 'NoRulebookInForceError';
  readonly date: string;

  constructor(date: string) {
    super(`No rulebook in force on ${date}`);
    this.date = date;
  }
}

function inForce(book: Rulebook, date: string): boolean {
  return book.effectiveFrom <= date && (book.effectiveTo === undefined || date <= book.effectiveTo);
}

/** The rulebook in force on `date` ('YYYY-MM-DD'); the latest effectiveFrom wins an overlap. */
export function rulebookOn(date: string, rulebooks: readonly Rulebook[]): Rulebook {
  assertIsoDate(date);
  let found: Rulebook | undefined;
  for (const book of rulebooks) {
    if (inForce(book, date) && (!found || book.effectiveFrom > found.effectiveFrom)) found = book;
  }
  if (!found) throw new NoRulebookInForceError(date);
  return found;
}
