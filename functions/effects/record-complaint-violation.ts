import { recordComplaintViolation as record } from '#domain/complaints/manage-complaints.ts';
import type { Effect } from './effect.ts';

/** ComplianceViolationRecorded of a complaint's review period: on its month's list, by the reviewer's kind of body. */
export const recordComplaintViolation: Effect = {
  name: 'record-complaint-violation',
  cite: '§18: violations of the legal review periods by central state bodies, LEBs, PSCs and service providers (Law "On public services", Art. 25)',
  run: (event, ports) => record(event.data, ports.complaints),
};
