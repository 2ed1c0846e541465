import * as z from 'zod';
import type { Principal, Role } from '#domain/access/roles.ts';
import { text } from '../text.ts';
import { emailSchema } from './body.ts';
import { phoneSchema } from './responsible-person.ts';

/**
 * A citizen's contact details, as an appellant (§13) or a complainant (§17) gives them. They are
 * personal data: read in full only by the UCC and the quality authority (which reviews complaints
 * and receives the §18 lists with contacts); every other role sees them masked. They never go to
 * logs.
 */
export const citizenContactSchema = z
  .strictObject({
    fullName: text(200),
    phone: phoneSchema.optional(),
    email: emailSchema.optional(),
  })
  .refine((contact) => contact.phone !== undefined || contact.email !== undefined, {
    message: 'must give a phone or an e-mail',
    path: ['phone'],
  });
export type CitizenContact = z.output<typeof citizenContactSchema>;

/** The roles that read citizens' contact details unmasked. */
export const PERSONAL_DATA_READERS: readonly Role[] = ['ucc_admin', 'ucc_operator', 'quality_authority'];

export const canReadPersonalData = (principal: Pick<Principal, 'role'>): boolean => PERSONAL_DATA_READERS.includes(principal.role);

const MASK = '***';

/** "Әлия Нұрланқызы Серікова" → "Ә*** Н*** С***": enough to tell two people apart on a screen, not to find them. */
export const maskName = (fullName: string): string =>
  fullName
    .split(/\s+/)
    .filter((part) => part.length > 0)
    .map((part) => `${Array.from(part)[0]}${MASK}`)
    .join(' ');

/** "+77012345678" → "+7***78": the country code and the last two digits only. */
export const maskPhone = (phone: string): string => `${phone.startsWith('+') ? phone.slice(0, 2) : phone.slice(0, 1)}${MASK}${phone.slice(-2)}`;

/** "aliya.serikova@mail.kz" → "a***@mail.kz": the domain stays (it says nothing about the person). */
export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  return at <= 0 ? MASK : `${Array.from(email)[0]}${MASK}${email.slice(at)}`;
};

export const maskContact = (contact: CitizenContact): CitizenContact & { masked: true } => ({
  fullName: maskName(contact.fullName),
  ...(contact.phone === undefined ? {} : { phone: maskPhone(contact.phone) }),
  ...(contact.email === undefined ? {} : { email: maskEmail(contact.email) }),
  masked: true,
});

/** The contact as this principal may see it: whole for the UCC and the quality authority, masked for the rest. */
export const contactFor = (principal: Pick<Principal, 'role'>, contact: CitizenContact): CitizenContact | (CitizenContact & { masked: true }) =>
  canReadPersonalData(principal) ? contact : maskContact(contact);

/**
 * A signing certificate's subject, "C=KZ, CN=СЕРИКОВА АЛИЯ, serialNumber=IIN880101400123" →
 * "C=KZ, CN=С*** А***, serialNumber=I***": a citizen's certificate names them and their IIN, so
 * every value is masked as a name is; the country alone says nothing about the person.
 */
export const maskDistinguishedName = (name: string): string =>
  name
    .split(', ')
    .map((part) => {
      const equals = part.indexOf('=');
      if (equals <= 0) return MASK;
      const type = part.slice(0, equals);
      return type === 'C' ? part : `${type}=${maskName(part.slice(equals + 1)) || MASK}`;
    })
    .join(', ');
