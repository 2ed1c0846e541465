import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AUTHORIZER_ENTRY, METHOD_NOT_ALLOWED_ENTRY, ROUTES } from '#http/routes.ts';
import { ONE_TIME_TARGETS, SCHEDULES } from '#jobs/schedules.ts';
import { DEFAULT_REGION, STACK_NAMES, buildApp, deploymentEnv } from '#infra/app.ts';
import { BUNDLE_FILE, ESM_REQUIRE_BANNER, bundleDirName } from '#infra/bundle-functions.ts';
import { AppFunction } from '#infra/bundling.ts';
import type { StatelessStack } from '#infra/stateless-stack.ts';
import { logicalIdOf } from './helpers.ts';

/**
 * Synthesis with the prebuilt bundles (or bundling one function): this whole file took 22 s on two
 * cores busy with two CPU hogs and other test runs; 120 s is more than 5× that.
 */
const SYNTH_TIMEOUT_MS = 120_000;

describe('deploymentEnv', () => {
  it('defaults to eu-central-1 and no account', () => {
    // Act
    const env = deploymentEnv({});
    // Assert
    expect(env).toEqual({ region: DEFAULT_REGION });
  });

  it('takes the region from CDK_DEPLOY_REGION before AWS_REGION, and the account from CDK_DEPLOY_ACCOUNT', () => {
    // Arrange
    const processEnv = { CDK_DEPLOY_REGION: 'eu-west-1', AWS_REGION: 'us-east-1', CDK_DEPLOY_ACCOUNT: '123456789012' };
    // Act
    const env = deploymentEnv(processEnv);
    // Assert
    expect(env).toEqual({ region: 'eu-west-1', account: '123456789012' });
    expect(deploymentEnv({ AWS_REGION: 'us-east-1' })).toEqual({ region: 'us-east-1' });
  });
});

interface SynthesizedTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, string> }>;
}

/**
 * The one test file that synthesizes to disk with every function's real bundle: those the test
 * run built once (test/support/bundle-functions-setup.ts), taken as prebuilt bundles.
 */
describe('buildApp (real bundles and synthesis)', () => {
  let outdir: string;
  let assembly: CloudAssembly;
  let stateless: StatelessStack;

  beforeAll(() => {
    // Arrange
    outdir = mkdtempSync(join(tmpdir(), 'ucc-cdk-'));
    // Asset metadata (aws:asset:path) is what the CDK CLI asks for too.
    const built = buildApp({
      outdir,
      processEnv: {},
      prebuiltBundlesDir: inject('prebuiltBundlesDir'),
      context: { 'aws:cdk:enable-asset-metadata': true },
    });
    stateless = built.stateless;
    // Act: stages every function's bundle and runs the cdk-nag validation plugin (throws on a violation)
    assembly = built.app.synth();
  }, SYNTH_TIMEOUT_MS);

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  const statelessTemplate = () => assembly.getStackByName(STACK_NAMES.stateless).template as SynthesizedTemplate;
  /** The stateless stack's template and its nested stacks', each read from the asset its AWS::CloudFormation::Stack names. */
  const statelessTemplates = (): SynthesizedTemplate[] => [
    statelessTemplate(),
    ...Object.values(statelessTemplate().Resources)
      .filter((resource) => resource.Type === 'AWS::CloudFormation::Stack')
      .map((resource) => JSON.parse(readFileSync(join(outdir, resource.Metadata?.['aws:asset:path'] ?? 'missing'), 'utf8')) as SynthesizedTemplate),
  ];

  it('synthesizes both stacks, env-agnostic in account, in the default region', () => {
    // Assert
    for (const name of Object.values(STACK_NAMES)) {
      const stack = assembly.getStackByName(name);
      expect(stack.environment.region).toBe(DEFAULT_REGION);
      expect(existsSync(join(outdir, stack.templateFile))).toBe(true);
    }
  });

  it('reports no validation failure', () => {
    // Act
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { conclusion?: string }[];
    };
    // Assert
    for (const pluginReport of report.pluginReports) expect(pluginReport.conclusion).not.toBe('failure');
  });

  it('stages each nested stack’s template as a file asset of the stateless stack, where its TemplateURL points', () => {
    // Arrange
    const artifact = assembly.getStackByName(STACK_NAMES.stateless);
    const manifest = artifact.dependencies.find((dependency) => dependency.id === `${artifact.id}.assets`);
    const files = (JSON.parse(readFileSync(join(outdir, `${artifact.id}.assets.json`), 'utf8')) as {
      files: Record<string, { source: { path: string; packaging: string }; destinations: Record<string, { objectKey: string }> }>;
    }).files;
    // Act
    const nested = Object.values(statelessTemplate().Resources).filter((resource) => resource.Type === 'AWS::CloudFormation::Stack');
    // Assert
    expect(manifest).toBeDefined();
    expect(nested).toHaveLength(stateless.routeStacks.size);
    for (const resource of nested) {
      const templatePath = resource.Metadata?.['aws:asset:path'] ?? 'missing';
      expect(existsSync(join(outdir, templatePath)), templatePath).toBe(true);
      const file = Object.values(files).find((candidate) => candidate.source.path === templatePath);
      expect(file?.source.packaging, templatePath).toBe('file');
      const url = JSON.stringify(resource.Properties?.TemplateURL);
      expect(url, templatePath).toContain(`/${Object.values(file!.destinations)[0]!.objectKey}`);
    }
  });

  it('bundles every function into one ESM file with the createRequire banner', () => {
    // Arrange: the stateless stack's functions and its nested stacks' (the routes')
    const functions = statelessTemplates()
      .flatMap((template) => Object.values(template.Resources))
      .filter((resource) => resource.Type === 'AWS::Lambda::Function');
    // Act / Assert
    // Routes, jobs, one-time targets, the authorizer, the effects and mail-sent functions and method-not-allowed.
    expect(functions).toHaveLength(ROUTES.length + SCHEDULES.length + ONE_TIME_TARGETS.length + 4);
    for (const fn of functions) {
      const bundle = join(outdir, fn.Metadata?.['aws:asset:path'] ?? 'missing', 'index.mjs');
      expect(existsSync(bundle), bundle).toBe(true);
      expect(statSync(bundle).size).toBeGreaterThan(1_000);
      expect(readFileSync(bundle, 'utf8').startsWith(ESM_REQUIRE_BANNER), bundle).toBe(true);
      expect(existsSync(`${bundle}.map`), `${bundle}.map`).toBe(true);
    }
  });

  it('produces an authorizer bundle that runs on Node and lets an unauthenticated request through with no context', () => {
    // Arrange
    const template = assembly.getStackByName(STACK_NAMES.stateless).template as {
      Resources: Record<string, { Metadata?: Record<string, string> }>;
    };
    const assetPath = template.Resources[logicalIdOf(stateless.authorizer.fn)]?.Metadata?.['aws:asset:path'];
    const bundleUrl = pathToFileURL(join(outdir, assetPath ?? 'missing', 'index.mjs')).href;
    const script = `const { handler } = await import(${JSON.stringify(bundleUrl)});
      const result = await handler({ type: 'REQUEST', routeKey: 'GET /v1/x', headers: {}, identitySource: [] });
      process.stdout.write(JSON.stringify(result));`;
    // Act
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, TABLE_NAME: 'ucc-test', AWS_REGION: 'eu-central-1', POWERTOOLS_LOG_LEVEL: 'ERROR' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    // Assert
    expect(JSON.parse(output)).toEqual({ isAuthorized: true, context: {} });
  });
});

/** What `npm run synth` runs: no prebuilt bundles, so each function bundles its module during synthesis. */
describe('AppFunction (bundling during synthesis)', () => {
  let outdir: string;

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  it('bundles each function\'s own module with the shared esbuild options, into the bytes the test run prebuilt', () => {
    // Arrange
    outdir = mkdtempSync(join(tmpdir(), 'ucc-cdk-bundling-'));
    const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
    const stack = new Stack(app, 'Bundling');
    const functions = [AUTHORIZER_ENTRY, METHOD_NOT_ALLOWED_ENTRY].map((entry) => ({
      entry,
      fn: new AppFunction(stack, bundleDirName(entry), { entry, description: entry, timeout: Duration.seconds(10), environment: {} }),
    }));
    // Act
    const template = app.synth().getStackByName('Bundling').template as { Resources: Record<string, { Metadata?: Record<string, string> }> };
    // Assert
    for (const { entry, fn } of functions) {
      const asset = join(outdir, template.Resources[logicalIdOf(fn.fn)]?.Metadata?.['aws:asset:path'] ?? 'missing');
      const prebuilt = join(inject('prebuiltBundlesDir'), bundleDirName(entry));
      for (const file of [BUNDLE_FILE, `${BUNDLE_FILE}.map`]) {
        expect(readFileSync(join(asset, file)).equals(readFileSync(join(prebuilt, file))), `${entry}: ${file}`).toBe(true);
      }
    }
  }, SYNTH_TIMEOUT_MS);
});
