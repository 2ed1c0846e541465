import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { fieldErrors } from '#domain/field-errors.ts';

describe('fieldErrors', () => {
  const schema = z.strictObject({ name: z.string(), person: z.strictObject({ phone: z.string() }) });

  it('names each unknown member itself, at any depth', () => {
    // Arrange
    const parsed = schema.safeParse({ name: 'x', middleName: 'y', person: { phone: '1', fax: '2' } });

    // Act
    const errors = parsed.success ? [] : fieldErrors('body', parsed.error);

    // Assert
    expect(errors.map((error) => error.field).sort()).toEqual(['body.middleName', 'body.person.fax']);
    expect(errors[0]?.message).toBe('is not a member of this request');
  });

  it('names the root by the prefix alone when the whole value has the wrong type', () => {
    // Arrange
    const parsed = schema.safeParse([]);

    // Act
    const errors = parsed.success ? [] : fieldErrors('body', parsed.error);

    // Assert
    expect(errors.map((error) => error.field)).toEqual(['body']);
  });
});
