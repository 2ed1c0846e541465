import { describe, expect, it } from 'vitest';
import { checkResponse, ResponseContractError, type ObservedResponse } from '../../support/response-contract.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/** A body as GET /v1/bodies/{id} answers it (directory.test.ts reads one back). */
const body = {
  id: '500000000203',
  kind: 'local_executive_body',
  bin: '500000000203',
  version: 1,
  createdAt: '2026-03-20T05:00:00.000Z',
  updatedAt: '2026-03-20T05:00:00.000Z',
  names: { kk: 'Алматы қаласының әкімдігі', ru: 'Акимат города Алматы' },
  email: 'info@akimat.example.kz',
  head: { fullName: 'Досаев Ерболат Асқарұлы', position: 'Әкім / Аким', email: 'akim@akimat.example.kz' },
  preferredLanguage: 'kk',
};

const getBody = (overrides: Partial<ObservedResponse> = {}): ObservedResponse => ({
  method: 'GET',
  path: `/v1/bodies/${body.id}`,
  status: 200,
  contentType: JSON_TYPE,
  body,
  ...overrides,
});

const failureOf = (observed: ObservedResponse): string => {
  try {
    checkResponse(observed);
  } catch (error) {
    expect(error).toBeInstanceOf(ResponseContractError);
    return (error as Error).message;
  }
  throw new Error('the contract accepted it');
};

describe('checkResponse', () => {
  it('accepts a body as the operation declares it, with its query string', () => {
    // Act / Assert
    expect(() => checkResponse(getBody())).not.toThrow();
    expect(() => checkResponse(getBody({ path: '/v1/bodies?kind=ucc', body: { items: [body], nextCursor: 'abc' } }))).not.toThrow();
  });

  it('fails on a renamed member: the old one missing, the new one unknown', () => {
    // Arrange
    const { email, ...rest } = body;
    // Act
    const message = failureOf(getBody({ body: { ...rest, eMail: email } }));
    // Assert
    expect(message).toContain('GET /v1/bodies/500000000203 → 200 (get-body)');
    expect(message).toMatch(/email: .*expected string/i);
    expect(message).toContain('eMail');
  });

  it('fails on a member of the wrong type, deep in a list item', () => {
    // Act
    const message = failureOf(getBody({ path: '/v1/bodies', body: { items: [{ ...body, version: '1' }] } }));
    // Assert
    expect(message).toContain('(list-bodies)');
    expect(message).toContain('items.0.version');
  });

  it('fails on a list without its pagination envelope', () => {
    // Act / Assert
    expect(failureOf(getBody({ path: '/v1/bodies', body: [body] }))).toContain('(list-bodies)');
  });

  it('fails on a status the operation does not declare', () => {
    // Act / Assert
    expect(failureOf(getBody({ status: 201 }))).toContain('status not declared (declared: 200)');
  });

  it('fails on JSON declared but another media type sent, and on a file of an undeclared type', () => {
    // Act / Assert
    expect(failureOf(getBody({ contentType: 'text/plain' }))).toContain('declared application/json');
    const file = { method: 'GET', path: `/v1/reports/monthly-complaints-2026-03-v1/files/csv`, status: 200, contentType: 'text/html', body: '<p>' };
    expect(failureOf(file)).toContain('(get-report-file)');
    expect(() => checkResponse({ ...file, contentType: 'text/csv; charset=utf-8', body: 'a;b' })).not.toThrow();
  });

  it('fails on a body where the operation declares none', () => {
    // Act / Assert
    expect(failureOf({ method: 'DELETE', path: '/v1/clients/c-1', status: 204, contentType: JSON_TYPE, body: { ok: true } })).toContain('declared without a body');
    expect(() => checkResponse({ method: 'DELETE', path: '/v1/clients/c-1', status: 204, contentType: null, body: '' })).not.toThrow();
  });

  it('holds every error to RFC 9457 problem+json, also where no route answers', () => {
    // Arrange
    const problem = { type: '/problems/not-found', title: 'Not found', status: 404, detail: 'No body 500000000203' };
    // Act / Assert
    expect(() => checkResponse(getBody({ status: 404, contentType: 'application/problem+json', body: problem }))).not.toThrow();
    expect(failureOf(getBody({ status: 404, contentType: JSON_TYPE, body: problem }))).toContain('must be application/problem+json');
    expect(failureOf(getBody({ status: 404, contentType: 'application/problem+json', body: { ...problem, status: 400 } }))).toContain('status');
    expect(failureOf({ method: 'GET', path: '/v1/nowhere', status: 200, contentType: JSON_TYPE, body: {} })).toContain('no route takes');
    // A GET writes nothing: a 409 is not among its declared errors.
    expect(failureOf(getBody({ status: 409, contentType: 'application/problem+json', body: { ...problem, status: 409 } }))).toContain('error status not in the document');
  });

  it('leaves the local stack’s own paths alone', () => {
    // Act / Assert
    expect(() => checkResponse({ method: 'POST', path: '/local/clock', status: 200, contentType: JSON_TYPE, body: { anything: 1 } })).not.toThrow();
  });
});
