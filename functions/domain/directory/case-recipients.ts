import type { LoadedContext } from '../ports.ts';
import type { Body } from './body.ts';
import { currentResponsible } from './responsible-assignment.ts';

/**
 * Who a case's e-mails go to: the body's official address, its responsible person for the
 * service (else the body-wide one, §5, §7), and the UCC's address.
 */
export function caseRecipients(body: Body, read: Pick<LoadedContext, 'assignments' | 'ucc'>, serviceCode: string | undefined) {
  const person = currentResponsible(read.assignments, body.id, serviceCode);
  return {
    bodyEmail: body.email,
    responsibleEmail: person?.email,
    uccEmail: read.ucc?.email,
  };
}
