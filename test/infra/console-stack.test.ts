import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_STACK_NAME, buildApp } from '#infra/app.ts';
import { ConsoleStack } from '#infra/console-stack.ts';
import { CONSOLE_SECURITY_HEADERS } from '#infra/local/console-files.ts';
import { TemplateValidation } from '#infra/template-validation.ts';
import { acknowledgementsUnder, resourcesOfType, shapeOnlyApp, type TemplateJson } from './helpers.ts';

const API_ENDPOINT = 'https://abc123defg.execute-api.eu-central-1.amazonaws.com';

/** The acknowledgements the console stack may carry: a reviewed list, like nag.test.ts's. */
const ALLOWED = [/^AwsSolutions-S1$/, /^AwsSolutions-CFR[124]$/, /^AwsSolutions-IAM4\[Policy::.*AWSLambdaBasicExecutionRole\]$/, /^AwsSolutions-IAM5\[/, /^AwsSolutions-L1$/];

describe('ConsoleStack', () => {
  let assetDir: string;
  let outdir: string;
  let stack: ConsoleStack;
  let template: Template;
  let json: TemplateJson;
  let validationReport: { pluginReports: { pluginName: string; conclusion?: string }[] };

  beforeAll(() => {
    assetDir = mkdtempSync(join(tmpdir(), 'console-asset-'));
    writeFileSync(join(assetDir, 'index.html'), '<!doctype html><title>console</title>');
    const app = shapeOnlyApp();
    // CloudFormation's rules and cdk-nag run on this stack's synthesis, as the app's do (app.ts).
    Validations.of(app).addPlugins(new TemplateValidation(), new AwsSolutionsChecks(app));
    stack = new ConsoleStack(app, 'Console', { env: { region: 'eu-central-1' }, apiEndpoint: API_ENDPOINT, assetDir });
    const assembly = app.synth({ force: true });
    json = assembly.getStackByName(stack.stackName).template as TemplateJson;
    template = Template.fromJSON(json);
    validationReport = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'));
    outdir = assembly.directory;
  }, 120_000);

  afterAll(() => {
    rmSync(assetDir, { recursive: true, force: true });
    rmSync(outdir, { recursive: true, force: true });
  });

  it('passes CloudFormation validation and cdk-nag, with reviewed acknowledgements only', () => {
    // Assert
    expect(validationReport.pluginReports.map((report) => report.conclusion)).not.toContain('failure');
    const violations = new AwsSolutionsChecks().validateScope(stack as Stack).violations.map((violation) => violation.ruleName);
    expect(violations).toEqual([]);
    const unreviewed = acknowledgementsUnder(stack).filter((entry) => !ALLOWED.some((pattern) => pattern.test(entry.id.replace(/^AwsSolutions::/, ''))));
    expect(unreviewed).toEqual([]);
  });

  it('keeps the files in a private bucket that only this distribution reads (origin access control)', () => {
    // Assert
    const buckets = resourcesOfType(template, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(2);
    for (const [, bucket] of buckets) {
      expect(bucket.Properties?.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(bucket.Properties?.WebsiteConfiguration).toBeUndefined();
    }
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const policies = resourcesOfType(template, 'AWS::S3::BucketPolicy').map(([, policy]) => JSON.stringify(policy.Properties?.PolicyDocument));
    const reader = policies.find((policy) => policy.includes('cloudfront.amazonaws.com'));
    expect(reader).toContain('s3:GetObject');
    expect(reader).toContain('AWS:SourceArn');
    expect(policies.every((policy) => policy.includes('aws:SecureTransport'))).toBe(true);
  });

  it('serves the console over HTTPS with the local stack\'s security headers', () => {
    // Assert
    const [, headers] = resourcesOfType(template, 'AWS::CloudFront::ResponseHeadersPolicy')[0]!;
    const config = (headers.Properties?.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, Record<string, unknown>> }).SecurityHeadersConfig;
    expect(config.ContentSecurityPolicy?.ContentSecurityPolicy).toBe(CONSOLE_SECURITY_HEADERS['content-security-policy']);
    expect(config.FrameOptions?.FrameOption).toBe('DENY');
    expect(config.ReferrerPolicy?.ReferrerPolicy).toBe('no-referrer');
    const [, distribution] = resourcesOfType(template, 'AWS::CloudFront::Distribution')[0]!;
    const distributionConfig = distribution.Properties?.DistributionConfig as {
      DefaultCacheBehavior: { ViewerProtocolPolicy: string; ResponseHeadersPolicyId: unknown };
      CacheBehaviors: { PathPattern: string; AllowedMethods: string[]; ViewerProtocolPolicy: string; CachePolicyId: { Ref: string }; OriginRequestPolicyId: string; TargetOriginId: string }[];
      Origins: { Id: string; DomainName: unknown }[];
      Logging?: unknown;
    };
    expect(distributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(distributionConfig.Logging).toBeDefined();
  });

  it('puts the API behind the same origin at /v1/*: every method, Authorization forwarded, nothing cached', () => {
    // Assert
    const [, distribution] = resourcesOfType(template, 'AWS::CloudFront::Distribution')[0]!;
    const config = distribution.Properties?.DistributionConfig as {
      CacheBehaviors: { PathPattern: string; AllowedMethods: string[]; ViewerProtocolPolicy: string; CachePolicyId: { Ref: string }; OriginRequestPolicyId: string; TargetOriginId: string }[];
      Origins: { Id: string; DomainName: unknown; CustomOriginConfig?: { OriginProtocolPolicy: string } }[];
    };
    const api = config.CacheBehaviors.find((behavior) => behavior.PathPattern === '/v1/*');
    expect(api?.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
    expect(api?.ViewerProtocolPolicy).toBe('https-only');
    // AWS's managed policy AllViewerExceptHostHeader: API Gateway answers only its own Host.
    expect(api?.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    const origin = config.Origins.find((entry) => entry.Id === api?.TargetOriginId);
    // The host of the endpoint (https://<host>), the part API Gateway's certificate names.
    expect(origin?.DomainName).toBe(new URL(API_ENDPOINT).host);
    expect(origin?.CustomOriginConfig?.OriginProtocolPolicy).toBe('https-only');
    const cachePolicy = json.Resources[api!.CachePolicyId.Ref]?.Properties?.CachePolicyConfig as {
      MaxTTL: number;
      DefaultTTL: number;
      ParametersInCacheKeyAndForwardedToOrigin: { HeadersConfig: { Headers: string[] } };
    };
    expect(cachePolicy.DefaultTTL).toBe(0);
    expect(cachePolicy.MaxTTL).toBeLessThanOrEqual(1);
    expect(cachePolicy.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.Headers).toEqual(['Authorization']);
  });

  it('answers /console/ with index.html and sends / to the console (the viewer-request function)', () => {
    // Arrange: the function's own code, run as CloudFront Functions would
    const [, fn] = resourcesOfType(template, 'AWS::CloudFront::Function')[0]!;
    const code = fn.Properties?.FunctionCode as string;
    const handler = runInNewContext(`${code}; handler`) as (event: { request: { uri: string } }) => { uri?: string; statusCode?: number; headers?: { location: { value: string } } };
    // Act
    const directory = handler({ request: { uri: '/console/' } });
    const asset = handler({ request: { uri: '/console/assets/index-abc.js' } });
    const root = handler({ request: { uri: '/' } });
    // Assert
    expect(directory.uri).toBe('/console/index.html');
    expect(asset.uri).toBe('/console/assets/index-abc.js');
    expect(root.statusCode).toBe(308);
    expect(root.headers?.location.value).toBe('/console/');
  });

  it('deploys the built files under console/ and invalidates them at each deployment', () => {
    // Assert
    template.hasResourceProperties('Custom::CDKBucketDeployment', { DestinationBucketKeyPrefix: 'console/', DistributionPaths: ['/console/*'], Prune: true });
  });

  it('is in the app only when the app is given the built console', () => {
    // Act
    const built = buildApp({ bundle: false, nag: false, consoleDir: assetDir, processEnv: {} });
    const withoutConsole = buildApp({ bundle: false, nag: false, processEnv: {} });
    // Assert
    expect(built.console?.stackName).toBe(CONSOLE_STACK_NAME);
    expect(withoutConsole.console).toBeUndefined();
  }, 120_000);
});
