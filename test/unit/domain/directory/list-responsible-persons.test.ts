import { describe, expect, it } from 'vitest';
import { responsiblePersonsOf } from '#domain/directory/list-responsible-persons.ts';

type Assignments = Parameters<typeof responsiblePersonsOf>[1];

describe('responsiblePersonsOf', () => {
  it('puts the body-wide assignment first and lists each service apart', () => {
    const assignments = [
      { scope: 'service:S1', serviceCode: 'S1', current: { fullName: 'A' }, history: [], notices: [] },
      { scope: 'body', current: { fullName: 'B' }, history: [{ fullName: 'C' }], notices: ['n'] },
    ] as unknown as Assignments;
    expect(responsiblePersonsOf('b-1', assignments)).toEqual({
      bodyId: 'b-1',
      current: { fullName: 'B' },
      history: [{ fullName: 'C' }],
      notices: ['n'],
      services: [{ serviceCode: 'S1', current: { fullName: 'A' }, history: [], notices: [] }],
    });
  });

  it('answers null and empty lists for a body without a body-wide person', () => {
    expect(responsiblePersonsOf('b-1', [])).toEqual({ bodyId: 'b-1', current: null, history: [], notices: [], services: [] });
  });
});
