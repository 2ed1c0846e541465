import type { LambdaEntry } from './bundle-functions.ts';
import { FIRE_DEADLINE_JOB } from '#jobs/schedules.ts';

/**
 * What a Lambda bundle may weigh (minified index.mjs; the source map is not counted) and which
 * AWS SDK clients it may carry. test/infra/bundle-budgets.test.ts fails the build on a bundle over
 * its budget or carrying another client; `npm run bench -- bundles` prints sizes, the cold import
 * against an empty module and what each bundle carries.
 */
export const DEFAULT_BUNDLE_BUDGET_KIB = 300;

/** Cold import (median of fresh processes, bench/suites/bundles.ts) at most this many times an empty module's. */
export const IMPORT_BUDGET_RATIO = 12;

/** The SDK clients a bundle can carry, as the packages that bring them. */
export const SDK_CLIENTS = ['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3', '@aws-sdk/client-scheduler', '@aws-sdk/client-sesv2'] as const;
export type SdkClient = (typeof SDK_CLIENTS)[number];

export interface BundleBudget {
  readonly kib: number;
  /** Exactly the SDK clients the bundle carries. */
  readonly sdkClients: readonly SdkClient[];
  readonly reason: string;
}

// Measured with the real AWS SDK 3.1169 bundled in (npm run bench -- bundles, 2026-12-02); each
// budget is the largest bundle of its kind plus ~5%. A DynamoDB DocumentClient alone (bench
// floor `dynamodb-document-client`) is 334 KiB: @smithy/core 130.6 (every protocol's serde, event
// streams, retries, endpoints), @aws-sdk/nested-clients 56.3 (the STS/SSO clients of the default
// credential chain), @aws-sdk/core 34.2, client-dynamodb 28.6, credential providers ~30,
// signature-v4 9.7, node-http-handler 7.3. Every route adds zod ~91, the Powertools logger 17.4,
// middy ~7 and its own modules (30-90).
const DYNAMODB: BundleBudget = {
  kib: 570,
  sdkClients: ['@aws-sdk/client-dynamodb'],
  reason: 'DynamoDB DocumentClient (334 KiB alone) + zod, logger, middy and the route (448-542 KiB measured)',
};
const DOCUMENTS: BundleBudget = {
  kib: 725,
  sdkClients: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3'],
  reason:
    'as DYNAMODB, + S3 (client-s3 100.4, checksums 11.9, middleware-sdk-s3 10.1, more of @smithy/core and @aws-sdk/core ~16, ' +
    'the presigner and XML serde): 661-688 KiB measured',
};
const MONITOR: BundleBudget = {
  kib: 555,
  sdkClients: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-scheduler'],
  reason: 'as DYNAMODB, + EventBridge Scheduler (client-scheduler 15.5) for the monitor: 525 KiB measured',
};
const EFFECTS: BundleBudget = {
  kib: 800,
  sdkClients: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3', '@aws-sdk/client-scheduler', '@aws-sdk/client-sesv2'],
  reason: 'as DOCUMENTS, + Scheduler and SES v2 (client-sesv2 62.0) and every effect: 762-765 KiB measured',
};
const REPORT_GENERATION: BundleBudget = {
  kib: 1850,
  sdkClients: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3'],
  reason: 'as DOCUMENTS, + exceljs 4.4 (its zip writer, XML and styles, ~1.1 MiB) to render the §18 and §13–§14 XLSX: 1754 KiB measured (post-report)',
};
const REPORT_DELIVERY: BundleBudget = {
  kib: 1880,
  sdkClients: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3', '@aws-sdk/client-sesv2'],
  reason: 'as REPORT_GENERATION, + SES v2 (client-sesv2 62.0) to send the report: 1787 KiB measured (monthly-report)',
};
const DEFAULT: BundleBudget = { kib: DEFAULT_BUNDLE_BUDGET_KIB, sdkClients: [], reason: 'the default: no SDK client' };

/** The functions that are not routes, by name (lambdaEntries()); a route by its use of documents. */
const BY_NAME: Readonly<Record<string, BundleBudget>> = {
  authorize: DYNAMODB,
  'acceptance-daily': DYNAMODB,
  'deadline-sweep': MONITOR,
  [FIRE_DEADLINE_JOB]: MONITOR,
  'redrive-outbox': EFFECTS,
  effects: EFFECTS,
  // The ledger and the clock only (adapters/mail-events-composition.ts).
  'mail-sent': DYNAMODB,
  'post-report': REPORT_GENERATION,
  'monthly-report': REPORT_DELIVERY,
  'quarterly-report': REPORT_DELIVERY,
};

/** A function's budget; one not listed (e.g. method-not-allowed) has the default, and no SDK client. */
export function bundleBudgetOf(fn: LambdaEntry): BundleBudget {
  return BY_NAME[fn.name] ?? (fn.kind === 'route' ? (fn.documents === undefined ? DYNAMODB : DOCUMENTS) : DEFAULT);
}
