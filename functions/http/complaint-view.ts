import * as z from 'zod';
import type { Principal } from '#domain/access/roles.ts';
import { outcomeAccess, reviewPeriodOf, type Complaint } from '#domain/complaints/complaint.ts';
import { canReadPersonalData, contactFor, maskDistinguishedName } from '#domain/directory/personal-data.ts';
import type { SignerCertificate } from '#domain/documents/cms-signer.ts';
import { SEED_RULEBOOKS } from '#domain/rulebook/seed-rulebooks.ts';

const rulebookById = (id: string) => SEED_RULEBOOKS.find((candidate) => candidate.id === id) ?? SEED_RULEBOOKS[0]!;

/** A signer as this principal may see it: a citizen's certificate names them, so only the UCC and the quality authority read it whole. */
function signerFor(principal: Principal, signer: SignerCertificate, receivedAt: string) {
  const validAtReceipt = signer.validFrom <= receivedAt && receivedAt <= signer.validTo;
  if (canReadPersonalData(principal)) return { ...signer, validAtReceipt };
  return {
    subject: maskDistinguishedName(signer.subject),
    issuer: maskDistinguishedName(signer.issuer),
    validFrom: signer.validFrom,
    validTo: signer.validTo,
    validAtReceipt,
    masked: true as const,
  };
}

/**
 * What the API shows of a complaint (§17): the review period with its due date, derivation and
 * citation, for the operator to tell the recipient; the complainant's contacts and the signer
 * whole for the UCC and the quality authority, masked for everyone else; what the caller may do next.
 */
export function complaintView(complaint: Complaint, principal: Principal, now: Date) {
  const { appliedKeys: _keys, complainant, document, ...shown } = complaint;
  const { signers, ...file } = document;
  return {
    ...shown,
    complainant: contactFor(principal, complainant),
    document: { ...file, signers: signers?.map((signer) => signerFor(principal, signer, complaint.receivedAt)) },
    month: complaint.registeredOn.slice(0, 7),
    reviewPeriod: reviewPeriodOf(complaint, rulebookById(complaint.rulebookId), now),
    allowedActions: (complaint.status === 'open' && outcomeAccess(complaint, principal) === 'allowed' ? ['outcome'] : []) satisfies 'outcome'[],
  };
}

export const complaintIdParams = z.object({ id: z.string().regex(/^cmp-[0-9a-f]{32}$/, 'must be a complaint id') });
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
