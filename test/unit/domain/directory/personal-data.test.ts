import { describe, expect, it } from 'vitest';
import { citizenContactSchema, contactFor, maskDistinguishedName, maskEmail, maskName, maskPhone } from '#domain/directory/personal-data.ts';

describe('personal-data', () => {
  const contact = { fullName: 'Әлия Нұрланқызы Серікова', phone: '+77012345678', email: 'aliya.serikova@mail.kz' };

  it('shows the UCC and the quality authority the whole contact', () => {
    // Act / Assert
    expect(contactFor({ role: 'ucc_operator' }, contact)).toEqual(contact);
    expect(contactFor({ role: 'ucc_admin' }, contact)).toEqual(contact);
    expect(contactFor({ role: 'quality_authority' }, contact)).toEqual(contact);
  });

  it.each(['body', 'provider', 'informatization_authority'] as const)('masks every field for %s', (role) => {
    // Act
    const shown = contactFor({ role }, contact);
    // Assert: no part of the name after its first letter, no middle digits, no mailbox name
    expect(shown).toEqual({ fullName: 'Ә*** Н*** С***', phone: '+7***78', email: 'a***@mail.kz', masked: true });
    expect(JSON.stringify(shown)).not.toMatch(/Серікова|2345|aliya/);
  });

  it('masks a phone without a plus and an e-mail without a mailbox', () => {
    expect(maskPhone('87012345678')).toBe('8***78');
    expect(maskEmail('@x.kz')).toBe('***');
    expect(maskName('  Иван  ')).toBe('И***');
  });

  it('masks every value of a certificate subject but the country', () => {
    // Act
    const shown = maskDistinguishedName('C=KZ, CN=СЕРИКОВА АЛИЯ, SN=СЕРИКОВА, serialNumber=IIN880101400123, odd');
    // Assert
    expect(shown).toBe('C=KZ, CN=С*** А***, SN=С***, serialNumber=I***, ***');
    expect(shown).not.toMatch(/ЕРИКОВА|880101/);
  });

  it('needs a phone or an e-mail, and normalizes the phone', () => {
    // Act
    const none = citizenContactSchema.safeParse({ fullName: 'Иван' });
    const phone = citizenContactSchema.parse({ fullName: 'Иван', phone: '+7 (701) 234-56-78' });
    // Assert
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.path).toEqual(['phone']);
    expect(phone.phone).toBe('+77012345678');
  });
});
