import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Tags, Validations, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PREBUILT_BUNDLES_CONTEXT, REPO_ROOT } from './bundling.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';
import { ConsoleStack } from './console-stack.ts';
import { CONSOLE_DIST_DIR, buildConsole } from './console-build.ts';
import { TemplateValidation } from './template-validation.ts';

/**
 * The CDK app: the stateful stack (the table) and the stateless stack (HTTP API, jobs, SES; its
 * route functions in nested stacks), checked during synthesis by CloudFormation's rules
 * (TemplateValidation, nested templates included) and cdk-nag's AwsSolutions pack. `npm run synth` runs this file; tests
 * call buildApp() and read the stacks in-process.
 */
export const STACK_NAMES = { stateful: 'UccInterop-Stateful', stateless: 'UccInterop-Stateless' } as const;
/** The console stack, in the app when it is given the built console (BuildAppOptions.consoleDir). */
export const CONSOLE_STACK_NAME = 'UccInterop-Console';
export const DEFAULT_REGION = 'eu-central-1';

/** One for every app of the process: like CDK's own, it sets its rules engine up once. */
let templateValidation: TemplateValidation | undefined;

/** Context key that lists the stacks to bundle assets for; [] skips esbuild (template-shape tests). */
const BUNDLING_STACKS = 'aws:cdk:bundling-stacks';

export interface BuildAppOptions {
  /** Extra context (merged over cdk.json's feature flags). */
  readonly context?: Record<string, unknown>;
  /** false: skip esbuild bundling, for tests that only read template shape. Default true. */
  readonly bundle?: boolean;
  /** Use these prebuilt bundles (bundleAll's directory) instead of bundling: PREBUILT_BUNDLES_CONTEXT. */
  readonly prebuiltBundlesDir?: string;
  /** Register the cdk-nag AwsSolutions validation plugin. Default true. */
  readonly nag?: boolean;
  readonly outdir?: string;
  /** Process environment to read the deployment env from. Default process.env. */
  readonly processEnv?: Record<string, string | undefined>;
  /** The built console (buildConsole's directory): adds the console stack (S3 + CloudFront). None by default. */
  readonly consoleDir?: string;
}

/** Region from CDK_DEPLOY_REGION or AWS_REGION (default eu-central-1); account only when given. */
export function deploymentEnv(processEnv: Record<string, string | undefined> = process.env): Environment {
  const region = processEnv.CDK_DEPLOY_REGION || processEnv.AWS_REGION || DEFAULT_REGION;
  const account = processEnv.CDK_DEPLOY_ACCOUNT || undefined;
  return account === undefined ? { region } : { account, region };
}

/** cdk.json's context (the feature flags), so in-process builds match `cdk synth`. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

export function buildApp(options: BuildAppOptions = {}) {
  const context: Record<string, unknown> = { ...cdkJsonContext(), ...options.context };
  if (options.bundle === false) context[BUNDLING_STACKS] = [];
  if (options.prebuiltBundlesDir !== undefined) context[PREBUILT_BUNDLES_CONTEXT] = options.prebuiltBundlesDir;
  const app = new App({ context, ...(options.outdir === undefined ? {} : { outdir: options.outdir }) });
  // CDK's CloudFormation validation, extended to the nested stacks' templates; off like CDK's own with CDK_VALIDATION=false.
  if (process.env.CDK_VALIDATION !== 'false') Validations.of(app).addPlugins((templateValidation ??= new TemplateValidation()));
  if (options.nag !== false) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

  const env = deploymentEnv(options.processEnv);
  const stateful = new StatefulStack(app, STACK_NAMES.stateful, {
    env,
    description: 'UCC Interop: DynamoDB table (retained, PITR, deletion protection)',
  });
  const stateless = new StatelessStack(app, STACK_NAMES.stateless, {
    env,
    table: stateful.table,
    description: 'UCC Interop: HTTP API, authorizer, scheduled jobs, SES configuration set',
  });
  const consoleStack =
    options.consoleDir === undefined
      ? undefined
      : new ConsoleStack(app, CONSOLE_STACK_NAME, {
          env,
          apiEndpoint: stateless.api.apiEndpoint,
          assetDir: options.consoleDir,
          description: 'UCC Interop: the operators console (S3 behind CloudFront, the API at /v1/*)',
        });
  Tags.of(app).add('app', 'ucc-interop');
  return { app, stateful, stateless, console: consoleStack };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  // `npm run synth` / `cdk synth`: the console is built from its sources first, never a stale copy.
  buildApp({ consoleDir: await buildConsole(CONSOLE_DIST_DIR) }).app.synth();
}
