import { ALL_ROLES, type Role } from '#domain/access/roles.ts';

/**
 * The one route table. The CDK stateless stack builds the HttpApi routes and one function per
 * entry from it; the local HTTP server routes requests to the very same handler modules.
 * `access` is the permission table (route × role): 'public' needs no key.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. /v1/calendars/KZ/{year} */
  readonly path: string;
  /** Unique, kebab-case: the Lambda function's logical name. */
  readonly name: string;
  /** Handler module relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly access: 'public' | readonly Role[];
  /**
   * The path parameter that names a body: a body-bound client (body, provider) calling with
   * another body's id gets the same 404 as for a missing body.
   */
  readonly bodyScope?: string;
  /**
   * The use-case is idempotent per Idempotency-Key by itself (created ids derive from the key;
   * steps remember the keys they applied): the key is bound to the request's fingerprint
   * without a lease (a retry after a crash runs at once, not after the lease), and its answer
   * is recorded after the command.
   */
  readonly idempotentByKey?: true;
  /**
   * Response members that hold a secret shown once (an API key): never stored with an
   * Idempotency-Key record, so a replay answers without them.
   */
  readonly secretMembers?: readonly string[];
  /** What the route does with the documents bucket (`documents/*`): store uploads, or read them. None by default. */
  readonly documents?: 'read' | 'write';
  /**
   * Files the handler reads at run time, copied beside its bundle (index.mjs) when it is built
   * (infra/bundle-functions.ts): kept out of the JavaScript bundle and its budget. Locally the
   * handler reads them where `from` is.
   */
  readonly assets?: readonly RouteAsset[];
  readonly description: string;
}

export interface RouteAsset {
  /** Relative to the repository root, e.g. a package's file under node_modules. */
  readonly from: string;
  /** The file's name beside the bundle. */
  readonly to: string;
}

/** The OpenAPI document (`npm run openapi`), served by GET /v1/openapi.json: read at run time, not bundled. */
export const OPENAPI_DOCUMENT: RouteAsset = { from: 'functions/http/openapi.json', to: 'openapi.json' };

/** The Scalar API reference's browser bundle (one self-contained script, ~4.8 MB), served by GET /docs/api-reference.js. */
export const API_REFERENCE_SCRIPT: RouteAsset = {
  from: 'node_modules/@scalar/api-reference/dist/browser/standalone.js',
  to: 'api-reference.js',
};

const ADMIN: readonly Role[] = ['ucc_admin'];
const UCC: readonly Role[] = ['ucc_admin', 'ucc_operator'];
const BODY_BOUND: readonly Role[] = ['body', 'provider'];
/** Acceptances carry responsible persons' contacts: the UCC, the body itself, the quality authority. */
const ACCEPTANCE_READERS: readonly Role[] = [...UCC, ...BODY_BOUND, 'quality_authority'];
/** Complaints carry the complainant's contacts, masked for all but the UCC and the quality authority (personal-data.ts). */
const COMPLAINT_READERS: readonly Role[] = [...UCC, ...BODY_BOUND, 'quality_authority'];
/** Reports: the UCC both; each authority its own (the handlers check the type, reports-api.md). */
const REPORT_READERS: readonly Role[] = [...UCC, 'quality_authority', 'informatization_authority'];

const TABLE = [
  {
    method: 'GET',
    path: '/v1/health',
    name: 'get-health',
    entry: 'functions/http/get-health.ts',
    access: 'public',
    description: 'Liveness and table reachability',
  },
  {
    method: 'GET',
    path: '/v1/openapi.json',
    name: 'get-openapi',
    entry: 'functions/http/get-openapi.ts',
    access: 'public',
    assets: [OPENAPI_DOCUMENT],
    description: 'This API as an OpenAPI 3.1 document, generated from the schemas the handlers validate with',
  },
  {
    method: 'GET',
    path: '/docs',
    name: 'get-docs',
    entry: 'functions/http/get-docs.ts',
    access: 'public',
    description: 'The API reference page (Scalar), with a try-it that takes an API key',
  },
  {
    method: 'GET',
    path: '/docs/api-reference.js',
    name: 'get-docs-script',
    entry: 'functions/http/get-docs-script.ts',
    access: 'public',
    assets: [API_REFERENCE_SCRIPT],
    description: 'The script of the API reference page, from our own origin (no CDN)',
  },
  {
    method: 'GET',
    path: '/v1/calendars/KZ/{year}',
    name: 'get-calendar-year',
    entry: 'functions/http/get-calendar-year.ts',
    access: ALL_ROLES,
    description: 'Days off and transfers of one year, with legal sources',
  },
  {
    method: 'PUT',
    path: '/v1/calendars/KZ/{year}',
    name: 'put-calendar-year',
    entry: 'functions/http/put-calendar-year.ts',
    access: ADMIN,
    description: 'Replace one calendar year (validated, audited; returns the changed dates)',
  },
  {
    method: 'GET',
    path: '/v1/calendars/KZ/{year}/recalculation',
    name: 'get-calendar-recalculation',
    entry: 'functions/http/get-calendar-recalculation.ts',
    access: UCC,
    description: 'Progress of the latest recount of open deadlines after the year changed (runs off the request)',
  },
  {
    method: 'GET',
    path: '/v1/calendars/KZ/{year}/audit',
    name: 'get-calendar-year-audit',
    entry: 'functions/http/get-calendar-year-audit.ts',
    access: ADMIN,
    description: 'Who changed a calendar year, when, and what',
  },
  {
    method: 'GET',
    path: '/v1/calendar/deadline',
    name: 'get-deadline',
    entry: 'functions/http/get-deadline.ts',
    access: ALL_ROLES,
    description: 'Deadline calculator: N working or calendar days from an instant, with derivation',
  },
  {
    method: 'GET',
    path: '/v1/calendar/working-days',
    name: 'get-working-days',
    entry: 'functions/http/get-working-days.ts',
    access: ALL_ROLES,
    description: 'Working days between two dates, inclusive',
  },
  {
    method: 'GET',
    path: '/v1/rulebooks',
    name: 'get-rulebooks',
    entry: 'functions/http/get-rulebooks.ts',
    access: ALL_ROLES,
    description: 'The rulebook in force and its history',
  },
  {
    method: 'POST',
    path: '/v1/bodies',
    name: 'post-body',
    entry: 'functions/http/post-body.ts',
    access: ADMIN,
    description: 'Register a participant (§2)',
  },
  {
    method: 'GET',
    path: '/v1/bodies',
    name: 'list-bodies',
    entry: 'functions/http/list-bodies.ts',
    access: ALL_ROLES,
    description: 'The directory of participants, by kind; a body-bound client sees its own body',
  },
  {
    method: 'GET',
    path: '/v1/bodies/{id}',
    name: 'get-body',
    entry: 'functions/http/get-body.ts',
    access: ALL_ROLES,
    bodyScope: 'id',
    description: 'One participant',
  },
  {
    method: 'PATCH',
    path: '/v1/bodies/{id}',
    name: 'patch-body',
    entry: 'functions/http/patch-body.ts',
    access: [...ADMIN, ...BODY_BOUND],
    bodyScope: 'id',
    description: 'Change a participant (JSON Merge Patch, If-Match)',
  },
  {
    method: 'GET',
    path: '/v1/bodies/{id}/audit',
    name: 'get-body-audit',
    entry: 'functions/http/get-body-audit.ts',
    access: ADMIN,
    bodyScope: 'id',
    description: 'Every change of a participant record',
  },
  {
    method: 'POST',
    path: '/v1/bodies/{id}/responsible-persons',
    name: 'post-responsible-person',
    entry: 'functions/http/post-responsible-person.ts',
    access: [...UCC, ...BODY_BOUND],
    bodyScope: 'id',
    description: 'Appoint (§5) or replace (§7) a responsible person',
  },
  {
    method: 'GET',
    path: '/v1/bodies/{id}/responsible-persons',
    name: 'get-responsible-persons',
    entry: 'functions/http/get-responsible-persons.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    bodyScope: 'id',
    description: 'Current responsible persons and their history',
  },
  {
    method: 'GET',
    path: '/v1/bodies/{id}/compliance',
    name: 'get-body-compliance',
    entry: 'functions/http/get-body-compliance.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    bodyScope: 'id',
    description: 'The compliance record of a body (§21)',
  },
  {
    method: 'POST',
    path: '/v1/bodies/{id}/service-stages',
    name: 'post-service-stage',
    entry: 'functions/http/post-service-stage.ts',
    access: ['ucc_admin', ...BODY_BOUND],
    bodyScope: 'id',
    idempotentByKey: true,
    description: 'A provider enters one service-stage event of an application (§16); the same stage at the same instant again is a duplicate',
  },
  {
    method: 'POST',
    path: '/v1/bodies/{id}/service-stages/batch',
    name: 'post-service-stage-batch',
    entry: 'functions/http/post-service-stage-batch.ts',
    access: ['ucc_admin', ...BODY_BOUND],
    bodyScope: 'id',
    idempotentByKey: true,
    description: 'Up to 500 service-stage events (§16), each accepted, a duplicate or rejected on its own',
  },
  {
    method: 'GET',
    path: '/v1/bodies/{id}/applications/{applicationNumber}',
    name: 'get-service-application',
    entry: 'functions/http/get-service-application.ts',
    access: [...UCC, ...BODY_BOUND],
    bodyScope: 'id',
    description: 'The stage an application is at and its history, for the UCC to tell the recipient (§15)',
  },
  {
    method: 'POST',
    path: '/v1/clients',
    name: 'post-client',
    entry: 'functions/http/post-client.ts',
    access: ADMIN,
    secretMembers: ['key'],
    description: 'Create an API client; its key is shown once',
  },
  {
    method: 'GET',
    path: '/v1/clients',
    name: 'list-clients',
    entry: 'functions/http/list-clients.ts',
    access: ADMIN,
    description: 'API clients',
  },
  {
    method: 'GET',
    path: '/v1/clients/{id}',
    name: 'get-client',
    entry: 'functions/http/get-client.ts',
    access: ADMIN,
    description: 'One API client (key fingerprints only)',
  },
  {
    method: 'DELETE',
    path: '/v1/clients/{id}',
    name: 'delete-client',
    entry: 'functions/http/delete-client.ts',
    access: ADMIN,
    description: 'Revoke an API client',
  },
  {
    method: 'POST',
    path: '/v1/clients/{id}/keys',
    name: 'post-client-key',
    entry: 'functions/http/post-client-key.ts',
    access: ADMIN,
    secretMembers: ['key'],
    description: 'Rotate an API client key',
  },
  {
    method: 'GET',
    path: '/v1/clients/{id}/audit',
    name: 'get-client-audit',
    entry: 'functions/http/get-client-audit.ts',
    access: ADMIN,
    description: 'Creation, rotations and revocation of a client',
  },
  {
    method: 'POST',
    path: '/v1/plans',
    name: 'post-plan',
    entry: 'functions/http/post-plan.ts',
    access: ['ucc_admin', 'informatization_authority'],
    description: 'Create a plan-schedule of services to accept (§3)',
  },
  {
    method: 'GET',
    path: '/v1/plans',
    name: 'list-plans',
    entry: 'functions/http/list-plans.ts',
    access: [...UCC, 'informatization_authority', 'quality_authority'],
    description: 'Plan-schedules',
  },
  {
    method: 'GET',
    path: '/v1/plans/{id}',
    name: 'get-plan',
    entry: 'functions/http/get-plan.ts',
    access: [...UCC, 'informatization_authority', 'quality_authority'],
    description: 'One plan-schedule with its revisions',
  },
  {
    method: 'POST',
    path: '/v1/plans/{id}/approval',
    name: 'post-plan-approval',
    entry: 'functions/http/post-plan-approval.ts',
    access: ['informatization_authority'],
    description: 'Approve a plan-schedule (§3)',
  },
  {
    method: 'POST',
    path: '/v1/plans/{id}/amendments',
    name: 'post-plan-amendment',
    entry: 'functions/http/post-plan-amendment.ts',
    access: ['ucc_admin', 'informatization_authority'],
    description: 'Amend a plan-schedule (a new revision)',
  },
  {
    method: 'POST',
    path: '/v1/acceptances',
    name: 'post-acceptance',
    entry: 'functions/http/post-acceptance.ts',
    access: UCC,
    idempotentByKey: true,
    description: 'Send the request for a service to a body (§4)',
  },
  {
    method: 'GET',
    path: '/v1/acceptances',
    name: 'list-acceptances',
    entry: 'functions/http/list-acceptances.ts',
    access: ACCEPTANCE_READERS,
    description: 'Acceptances by body, status, overdue',
  },
  {
    method: 'GET',
    path: '/v1/acceptances/{id}',
    name: 'get-acceptance',
    entry: 'functions/http/get-acceptance.ts',
    access: ACCEPTANCE_READERS,
    description: 'An acceptance: state, deadlines with derivations, history',
  },
  {
    method: 'GET',
    path: '/v1/acceptances/{id}/events',
    name: 'get-acceptance-events',
    entry: 'functions/http/get-acceptance-events.ts',
    access: ACCEPTANCE_READERS,
    description: 'The audit trail of an acceptance',
  },
  {
    method: 'GET',
    path: '/v1/acceptances/{id}/documents/{sha256}',
    name: 'get-acceptance-document',
    entry: 'functions/http/get-acceptance-document.ts',
    access: ACCEPTANCE_READERS,
    documents: 'read',
    description: 'The signed document attached to the information',
  },
  {
    method: 'POST',
    path: '/v1/acceptances/{id}/responsible-person',
    name: 'post-acceptance-responsible-person',
    entry: 'functions/http/post-acceptance-responsible-person.ts',
    access: ['ucc_admin', ...BODY_BOUND],
    idempotentByKey: true,
    description: 'The body appoints its responsible person (§5)',
  },
  {
    method: 'POST',
    path: '/v1/acceptances/{id}/information',
    name: 'post-acceptance-information',
    entry: 'functions/http/post-acceptance-information.ts',
    access: ['ucc_admin', ...BODY_BOUND],
    idempotentByKey: true,
    documents: 'write',
    description: 'The body submits the signed service information (§5, Appendix)',
  },
  {
    method: 'POST',
    path: '/v1/acceptances/{id}/registration',
    name: 'post-acceptance-registration',
    entry: 'functions/http/post-acceptance-registration.ts',
    access: UCC,
    idempotentByKey: true,
    description: 'The UCC registers the information in its knowledge base (§5)',
  },
  {
    method: 'POST',
    path: '/v1/acceptances/{id}/return',
    name: 'post-acceptance-return',
    entry: 'functions/http/post-acceptance-return.ts',
    access: UCC,
    idempotentByKey: true,
    description: 'The UCC returns the information with reasons',
  },
  {
    method: 'POST',
    path: '/v1/acceptances/{id}/training',
    name: 'post-acceptance-training',
    entry: 'functions/http/post-acceptance-training.ts',
    access: [...UCC, ...BODY_BOUND],
    idempotentByKey: true,
    description: 'Training of UCC staff held (§8)',
  },
  {
    method: 'POST',
    path: '/v1/acceptances/{id}/protocol',
    name: 'post-acceptance-protocol',
    entry: 'functions/http/post-acceptance-protocol.ts',
    access: [...UCC, ...BODY_BOUND],
    idempotentByKey: true,
    description: 'Protocol of acceptance signed (§8); consulting starts 5 working days later (§9)',
  },
  {
    method: 'GET',
    path: '/v1/knowledge-base/{bodyId}/{serviceCode}',
    name: 'get-knowledge-base-entry',
    entry: 'functions/http/get-knowledge-base-entry.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    bodyScope: 'bodyId',
    description: 'The knowledge-base entry of a service (§5)',
  },
  {
    method: 'GET',
    path: '/v1/deadlines',
    name: 'list-deadlines',
    entry: 'functions/http/list-deadlines.ts',
    // The informatization authority sees the deadlines of the reports it is due (§13–§14) only.
    access: [...UCC, ...BODY_BOUND, 'quality_authority', 'informatization_authority'],
    description: 'Open, overdue or closed deadlines, soonest first (a body sees its own; the informatization authority its reports’)',
  },
  {
    method: 'POST',
    path: '/v1/information-requests',
    name: 'post-information-request',
    entry: 'functions/http/post-information-request.ts',
    access: UCC,
    idempotentByKey: true,
    documents: 'write',
    description: 'Ask a body for information or explanations (§10); the answer is due in working days',
  },
  {
    method: 'GET',
    path: '/v1/information-requests',
    name: 'list-information-requests',
    entry: 'functions/http/list-information-requests.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    description: 'Information requests by body and status, newest first (a body sees its own)',
  },
  {
    method: 'GET',
    path: '/v1/information-requests/{id}',
    name: 'get-information-request',
    entry: 'functions/http/get-information-request.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    description: 'One information request with its deadline and its answer or refusal',
  },
  {
    method: 'GET',
    path: '/v1/information-requests/{id}/documents/{sha256}',
    name: 'get-information-request-document',
    entry: 'functions/http/get-information-request-document.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    documents: 'read',
    description: 'A document of the request, its answer or its refusal',
  },
  {
    method: 'POST',
    path: '/v1/information-requests/{id}/answer',
    name: 'post-information-request-answer',
    entry: 'functions/http/post-information-request-answer.ts',
    access: [...UCC, ...BODY_BOUND],
    idempotentByKey: true,
    documents: 'write',
    description: 'The body answers (§11); the UCC logs an oral or telephone answer (§11.2)',
  },
  {
    method: 'POST',
    path: '/v1/information-requests/{id}/refusal',
    name: 'post-information-request-refusal',
    entry: 'functions/http/post-information-request-refusal.ts',
    access: [...UCC, ...BODY_BOUND],
    idempotentByKey: true,
    documents: 'write',
    description: 'The body refuses, with a ground (§11.1 secrets are lawful); refusals count towards §12',
  },
  {
    method: 'GET',
    path: '/v1/escalations',
    name: 'list-escalations',
    entry: 'functions/http/list-escalations.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    description: 'Escalations of refusals to the quality authority (§12), one per body and month',
  },
  {
    method: 'POST',
    path: '/v1/discrepancies',
    name: 'post-discrepancy',
    entry: 'functions/http/post-discrepancy.ts',
    access: ['quality_authority', 'ucc_admin'],
    idempotentByKey: true,
    description: 'Register a case of discrepancy between a body’s and the UCC’s reporting (§20)',
  },
  {
    method: 'GET',
    path: '/v1/discrepancies',
    name: 'list-discrepancies',
    entry: 'functions/http/list-discrepancies.ts',
    access: [...UCC, 'quality_authority'],
    description: 'Cases of discrepancy by body and status, newest first',
  },
  {
    method: 'GET',
    path: '/v1/discrepancies/{id}',
    name: 'get-discrepancy',
    entry: 'functions/http/get-discrepancy.ts',
    access: [...UCC, 'quality_authority'],
    description: 'One case of discrepancy with its deadline and explanation',
  },
  {
    method: 'POST',
    path: '/v1/discrepancies/{id}/explanation',
    name: 'post-discrepancy-explanation',
    entry: 'functions/http/post-discrepancy-explanation.ts',
    access: UCC,
    documents: 'write',
    description: 'The UCC’s explanation of one case (§20: immediately), e-mailed to the quality authority',
  },
  {
    method: 'POST',
    path: '/v1/qa-trainings',
    name: 'post-qa-training',
    entry: 'functions/http/post-qa-training.ts',
    access: ['quality_authority', 'ucc_admin'],
    idempotentByKey: true,
    description: 'The quality authority’s written request to train its staff (§19)',
  },
  {
    method: 'GET',
    path: '/v1/qa-trainings',
    name: 'list-qa-trainings',
    entry: 'functions/http/list-qa-trainings.ts',
    access: [...UCC, 'quality_authority'],
    description: 'Training requests of the quality authority by status, newest first',
  },
  {
    method: 'GET',
    path: '/v1/qa-trainings/{id}',
    name: 'get-qa-training',
    entry: 'functions/http/get-qa-training.ts',
    access: [...UCC, 'quality_authority'],
    description: 'One training request with its deadline',
  },
  {
    method: 'POST',
    path: '/v1/qa-trainings/{id}/schedule',
    name: 'post-qa-training-schedule',
    entry: 'functions/http/post-qa-training-schedule.ts',
    access: UCC,
    description: 'The UCC sets the training day (a working day), and tells the quality authority',
  },
  {
    method: 'POST',
    path: '/v1/qa-trainings/{id}/held',
    name: 'post-qa-training-held',
    entry: 'functions/http/post-qa-training-held.ts',
    access: UCC,
    description: 'The training was held: the §19 deadline closes, met or missed by that day',
  },
  {
    method: 'POST',
    path: '/v1/complaints',
    name: 'post-complaint',
    entry: 'functions/http/post-complaint.ts',
    access: UCC,
    idempotentByKey: true,
    documents: 'write',
    description: 'Register a complaint from the e-government portal forum with its signed document (§17); the same portal number finds it again',
  },
  {
    method: 'GET',
    path: '/v1/complaints',
    name: 'list-complaints',
    entry: 'functions/http/list-complaints.ts',
    access: COMPLAINT_READERS,
    description: 'Complaints by body, month of registration and status, newest first (a body sees those about itself)',
  },
  {
    method: 'GET',
    path: '/v1/complaints/{id}',
    name: 'get-complaint',
    entry: 'functions/http/get-complaint.ts',
    access: COMPLAINT_READERS,
    description: 'One complaint with its review period: due date, derivation and the rule’s citation (Law "On public services", Art. 25)',
  },
  {
    method: 'GET',
    path: '/v1/complaints/{id}/documents/{sha256}',
    name: 'get-complaint-document',
    entry: 'functions/http/get-complaint-document.ts',
    access: COMPLAINT_READERS,
    documents: 'read',
    description: 'The signed complaint (the UCC and the quality authority) or a document of its outcome',
  },
  {
    method: 'POST',
    path: '/v1/complaints/{id}/outcome',
    name: 'post-complaint-outcome',
    entry: 'functions/http/post-complaint-outcome.ts',
    access: ['ucc_admin', ...BODY_BOUND, 'quality_authority'],
    idempotentByKey: true,
    documents: 'write',
    description: 'The reviewer records the outcome: the body for a complaint addressed to it, the quality authority for one addressed to it',
  },
  {
    method: 'GET',
    path: '/v1/complaint-violations',
    name: 'get-complaint-violations',
    entry: 'functions/http/get-complaint-violations.ts',
    access: [...UCC, 'quality_authority'],
    description: 'Violations of the legal review periods of complaints in a month, by kind of body and by body (§18)',
  },
  {
    method: 'POST',
    path: '/v1/appeals',
    name: 'post-appeal',
    entry: 'functions/http/post-appeal.ts',
    access: UCC,
    description: 'Record one citizen\'s appeal to the UCC (§13); the same appeal id again is a duplicate',
  },
  {
    method: 'POST',
    path: '/v1/appeals/batch',
    name: 'post-appeal-batch',
    entry: 'functions/http/post-appeal-batch.ts',
    access: UCC,
    description: 'Up to 500 appeals (§13), each accepted, a duplicate or rejected on its own; counted per push by the effects',
  },
  {
    method: 'GET',
    path: '/v1/appeals/{id}',
    name: 'get-appeal',
    entry: 'functions/http/get-appeal.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    description: 'One appeal; the appellant\'s contact masked for all but the UCC and the quality authority (a body sees those about itself)',
  },
  {
    method: 'GET',
    path: '/v1/appeal-counters',
    name: 'get-appeal-counters',
    entry: 'functions/http/get-appeal-counters.ts',
    access: [...UCC, 'quality_authority'],
    description: 'A quarter\'s appeals by service, channel, topic, region, outcome and body (§13–§14), read from the counters',
  },
  {
    method: 'GET',
    path: '/v1/reports',
    name: 'list-reports',
    entry: 'functions/http/list-reports.ts',
    access: REPORT_READERS,
    documents: 'read',
    description: 'Versions of the monthly complaints report (§18) or the quarterly appeals report (§13–§14) by period, newest first',
  },
  {
    method: 'GET',
    path: '/v1/reports/{reportId}',
    name: 'get-report',
    entry: 'functions/http/get-report.ts',
    access: REPORT_READERS,
    documents: 'read',
    description: 'One report version: its metadata, headline figures, the counts of its inputs and a link to each file, the snapshot of its inputs’ ids among them (the content is the JSON file)',
  },
  {
    method: 'GET',
    path: '/v1/reports/{reportId}/files/{format}',
    name: 'get-report-file',
    entry: 'functions/http/get-report-file.ts',
    access: REPORT_READERS,
    documents: 'read',
    description: 'A report file: XLSX, CSV (UTF-8 with BOM), JSON, or `inputs` (the ids it was built from, JSON); its ETag is its SHA-256; over 4 MiB a 303 to a 15-minute link',
  },
  {
    method: 'POST',
    path: '/v1/reports',
    name: 'post-report',
    entry: 'functions/http/post-report.ts',
    access: ADMIN,
    documents: 'write',
    description: 'Regenerate a period’s report as a new version (the old versions stay); 202 with its id',
  },
  {
    method: 'GET',
    path: '/v1/compliance',
    name: 'get-compliance-ranking',
    entry: 'functions/http/get-compliance-ranking.ts',
    access: [...UCC, 'quality_authority'],
    description: 'Bodies ranked by their compliance record for a period (§21)',
  },
  {
    method: 'POST',
    path: '/v1/information-updates',
    name: 'post-information-update',
    entry: 'functions/http/post-information-update.ts',
    access: [...UCC, ...BODY_BOUND],
    idempotentByKey: true,
    description: 'The body sends what changed in a registered service’s information, due 3 working days after the change (§6)',
  },
  {
    method: 'GET',
    path: '/v1/information-updates',
    name: 'list-information-updates',
    entry: 'functions/http/list-information-updates.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    description: 'Information updates by body and status, newest first (a body sees its own)',
  },
  {
    method: 'GET',
    path: '/v1/information-updates/{id}',
    name: 'get-information-update',
    entry: 'functions/http/get-information-update.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    description: 'One information update with its §6 check and the UCC’s decision',
  },
  {
    method: 'POST',
    path: '/v1/information-updates/{id}/registration',
    name: 'post-information-update-registration',
    entry: 'functions/http/post-information-update-registration.ts',
    access: UCC,
    description: 'The UCC registers the update as the next version of the knowledge-base entry (§6)',
  },
  {
    method: 'POST',
    path: '/v1/information-updates/{id}/return',
    name: 'post-information-update-return',
    entry: 'functions/http/post-information-update-return.ts',
    access: UCC,
    description: 'The UCC returns the update with reasons (§6)',
  },
  {
    method: 'GET',
    path: '/v1/knowledge-base/{bodyId}/{serviceCode}/information',
    name: 'get-knowledge-base-information',
    entry: 'functions/http/get-knowledge-base-information.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    bodyScope: 'bodyId',
    description: 'The registered version the UCC consults on, and the updates pending (§6)',
  },
  {
    method: 'GET',
    path: '/v1/knowledge-base/{bodyId}/{serviceCode}/versions',
    name: 'get-knowledge-base-versions',
    entry: 'functions/http/get-knowledge-base-versions.ts',
    access: [...UCC, ...BODY_BOUND, 'quality_authority'],
    bodyScope: 'bodyId',
    description: 'Every version of a knowledge-base entry with its field-by-field diff (§6)',
  },
] as const satisfies readonly RouteDefinition[];

export const ROUTES: readonly RouteDefinition[] = TABLE;

/** A route's `name`: handlers name their route by it (checked against this table by the compiler). */
export type RouteName = (typeof TABLE)[number]['name'];
/** The definition of the route named N, as the table spells it (its `access` decides whether a handler sees a principal). */
export type RouteNamed<N extends RouteName> = Extract<(typeof TABLE)[number], { name: N }>;

/**
 * Every path of the route table with the methods it answers (public when every route on it
 * is). Whatever no route takes goes to the `$default` route, `method-not-allowed`: 405 with
 * Allow on these paths, 404 elsewhere — deployed and local alike.
 */
export const METHOD_NOT_ALLOWED_ENTRY = 'functions/http/method-not-allowed.ts';
/** The Lambda REQUEST authorizer's module: every route not declared public passes it first. */
export const AUTHORIZER_ENTRY = 'functions/http/authorize.ts';
export function pathsOf(routes: readonly RouteDefinition[] = ROUTES): { path: string; methods: HttpMethod[]; isPublic: boolean }[] {
  const byPath = new Map<string, RouteDefinition[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  return [...byPath].map(([path, declared]) => ({
    path,
    methods: declared.map((route) => route.method),
    isPublic: declared.every((route) => route.access === 'public'),
  }));
}

export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string => `${route.method} ${route.path}`;

export { ADMIN, ALL_ROLES };
