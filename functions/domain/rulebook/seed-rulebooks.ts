/** The rulebooks the product ships with. A new regulation is a new rulebook here, not new code. */
import type { Rulebook } from './rulebook.ts';

const PUBLIC_SERVICES_LAW = 'Law "On public services" No. 88-V of 15 April 2013, Art. 25';

/**
 * Decree No. 797 of 6 August 2013 (summarized in docs/regulation.md). Formally repealed by Decree No. 624 of
 * 10 August 2015, but the product applies it as the current rulebook, so it has no effectiveTo.
 */
export const RULEBOOK_2013: Rulebook = {
  id: 'kz-gov-797-2013',
  title: 'Rules of interaction of the Unified Contact Center with state bodies and service providers',
  // In force ten calendar days after first official publication (Decree, item 3); the publication
  // date is not in the source, so 2013-08-20 is assumed.
  effectiveFrom: '2013-08-20',
  act:
    'Decree of the Government of the Republic of Kazakhstan No. 797 of 6 August 2013 (repealed by ' +
    'Decree No. 624 of 10 August 2015; applied by this product as the current rulebook)',
  rules: {
    appointResponsible: {
      kind: 'working-days',
      value: 2,
      cite: '§5',
      description: 'The body appoints a responsible person within 2 working days of receiving the request.',
    },
    submitInformation: {
      kind: 'working-days',
      value: 3,
      cite: '§5',
      description: 'The responsible person submits the service information, signed by the head, within 3 working days of the appointment.',
    },
    updateInformation: {
      kind: 'working-days',
      value: 3,
      cite: '§6',
      description: 'Changed information is updated and sent to the UCC within 3 working days of the change.',
    },
    responsiblePersonNotice: {
      kind: 'working-days',
      value: 3,
      cite: '§7',
      description: 'The body notifies the UCC of a replaced or dismissed responsible person within 3 working days.',
    },
    holdTraining: {
      kind: 'working-days',
      value: 5,
      cite: '§8',
      description: 'The body trains UCC staff no later than 5 working days after submitting the §5 information.',
    },
    startConsultation: {
      kind: 'working-days-start-after',
      value: 5,
      cite: '§9',
      description: 'The UCC starts consulting on the service after 5 working days have passed since the protocol was signed.',
    },
    quarterlyReport: {
      kind: 'calendar-days-after-period',
      value: 10,
      cite: '§14',
      description: 'Quarterly report on appeals within 10 calendar days after the end of the quarter.',
      moveToWorkingDay: true,
    },
    monthlyReport: {
      kind: 'day-of-following-month',
      value: 5,
      cite: '§18',
      description: 'Monthly analytical report on complaints by the 5th day of the following month.',
      moveToWorkingDay: true,
    },
    complaintReview: {
      kind: 'working-days',
      value: 5,
      cite: PUBLIC_SERVICES_LAW,
      description: 'The service provider reviews a complaint within 5 working days of its registration.',
    },
    complaintReviewByAuthority: {
      kind: 'working-days',
      value: 15,
      cite: PUBLIC_SERVICES_LAW,
      description: 'The quality authority reviews a complaint addressed to it within 15 working days of its registration.',
    },
    discrepancyExplanation: {
      kind: 'working-days',
      value: 1,
      cite: '§20',
      description: 'Explanation of each reporting discrepancy "immediately" (rulebook setting: 1 working day).',
    },
    returnedInformation: {
      kind: 'working-days',
      value: 3,
      cite: '§5',
      description: 'Information returned for correction is resubmitted within 3 working days (rulebook setting).',
    },
    answerInformationRequest: {
      kind: 'working-days',
      value: 3,
      cite: '§10–§11 (rulebook setting: the Rules name no period)',
      description: 'A body answers (or refuses, §11.1) a UCC request for information within 3 working days (rulebook setting).',
    },
    trainQualityAuthority: {
      kind: 'working-days',
      value: 10,
      cite: '§19 (rulebook setting: the Rules name no period)',
      description: "The UCC trains the quality authority's staff within 10 working days of its written request (rulebook setting).",
    },
    escalationAfterBreach: {
      kind: 'working-days',
      value: 2,
      cite: '§21 (rulebook setting for the deadline monitor)',
      description: 'A breached deadline is escalated if still unmet 2 working days after the breach (rulebook setting).',
    },
  },
};

export const SEED_RULEBOOKS: Rulebook[] = [RULEBOOK_2013];
