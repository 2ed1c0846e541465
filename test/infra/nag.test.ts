import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#infra/app.ts';
import { DEADLINE_SCHEDULES_NAG_ID, REPORT_JOBS, routeArea, type StatelessStack } from '#infra/stateless-stack.ts';
import { ROUTES, routeKey } from '#http/routes.ts';
import { DOCUMENTS_NAG_ID } from '#infra/table-definition.ts';
import { acknowledgementsUnder } from './helpers.ts';

/**
 * Every acknowledgement the app may carry. Adding one is a reviewed decision: extend this list
 * together with the acknowledgement and its reason.
 */
const ALLOWED_ACKNOWLEDGEMENTS = new Set([
  'AwsSolutions-S1', // the documents bucket's access-log bucket is not logged to itself
  'AwsSolutions-IAM5[Resource::*]', // X-Ray actions of traced functions
  'AwsSolutions-L1', // runtime pinned to nodejs22.x
  'AwsSolutions-APIG4', // routes declared public in the route table
  'AwsSolutions-SQS3', // the scheduler DLQ, the effects on-failure queue and the Email Sent rule's DLQ are themselves dead-letter queues
  // Effect runners manage the app's run-time deadline schedules, named dl-<hash> (unknown at deploy time)
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/ucc-interop/dl-*]',
]);
/** Documents are content-addressed objects under documents/ of the one documents bucket. */
const DOCUMENTS_ACKNOWLEDGEMENT = { test: (id: string) => id === DOCUMENTS_NAG_ID };

const violationsOf = (stack: Stack) =>
  new AwsSolutionsChecks(undefined, { verbose: true })
    .validateScope(stack)
    .violations.map((violation) => ({
      rule: violation.ruleName,
      resources: violation.violatingResources.map((resource) => resource.constructPath),
      description: violation.description,
    }));

describe('cdk-nag AwsSolutionsChecks', () => {
  let stateful: Stack;
  let stateless: StatelessStack;

  beforeAll(() => {
    ({ stateful, stateless } = buildApp({ bundle: false, nag: false }));
  });

  it('finds no unacknowledged violation in the stateful stack', () => {
    // Act
    const violations = violationsOf(stateful);
    // Assert
    expect(violations).toEqual([]);
  });

  it('finds no unacknowledged violation in the stateless stack', () => {
    // Act
    const violations = violationsOf(stateless);
    // Assert
    expect(violations).toEqual([]);
  });

  it('gives every acknowledgement a written reason and keeps to the reviewed list', () => {
    // Act
    const acknowledgements = [...acknowledgementsUnder(stateful), ...acknowledgementsUnder(stateless)];
    // Assert
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const acknowledgement of acknowledgements) {
      expect(typeof acknowledgement.reason, acknowledgement.path).toBe('string');
      expect((acknowledgement.reason as string).trim().length, acknowledgement.path).toBeGreaterThan(40);
      const allowed = ALLOWED_ACKNOWLEDGEMENTS.has(acknowledgement.id) || DOCUMENTS_ACKNOWLEDGEMENT.test(acknowledgement.id);
      expect(allowed, `${acknowledgement.path}: ${acknowledgement.id}`).toBe(true);
    }
  });

  it('acknowledges the dl-* schedule wildcard on the roles of the effect runners only (effects function, redrive-outbox)', () => {
    // Arrange
    const writerRoles = [stateless.effectsFunction, stateless.jobFunctions.get('redrive-outbox')!].map((fn) => fn.role.node.path).sort();
    expect([...stateless.effectRunners.values()].map((fn) => fn.role.node.path).sort()).toEqual(writerRoles);
    // Act
    const paths = acknowledgementsUnder(stateless)
      .filter((acknowledgement) => acknowledgement.id === DEADLINE_SCHEDULES_NAG_ID)
      .map((acknowledgement) => acknowledgement.path)
      .sort();
    // Assert
    expect(ALLOWED_ACKNOWLEDGEMENTS.has(DEADLINE_SCHEDULES_NAG_ID)).toBe(true);
    expect(writerRoles.length).toBeGreaterThan(0);
    expect(paths).toEqual(writerRoles);
  });

  it('keeps the stateless stack clean with a concrete account and another region (the finding id does not move)', () => {
    // Arrange
    const { stateless: deployed } = buildApp({
      bundle: false,
      nag: false,
      processEnv: { CDK_DEPLOY_ACCOUNT: '123456789012', CDK_DEPLOY_REGION: 'eu-west-1' },
    });
    // Act
    const violations = violationsOf(deployed);
    // Assert
    expect(violations).toEqual([]);
  });

  it('acknowledges SQS3 on the three dead-letter queues only', () => {
    // Act
    const paths = acknowledgementsUnder(stateless)
      .filter((acknowledgement) => acknowledgement.id === 'AwsSolutions-SQS3')
      .map((acknowledgement) => acknowledgement.path)
      .sort();
    // Assert
    expect(paths).toEqual([stateless.schedulerDlq.node.path, stateless.effectsFailureQueue.node.path, stateless.mailSentFailureQueue.node.path].sort());
  });

  it('explains the ListStreams wildcard on the effects role only', () => {
    // Act
    const reasons = acknowledgementsUnder(stateless).filter(
      (acknowledgement) => acknowledgement.id === 'AwsSolutions-IAM5[Resource::*]' && String(acknowledgement.reason).includes('ListStreams'),
    );
    // Assert
    expect(reasons.map((acknowledgement) => acknowledgement.path)).toEqual([stateless.effectsFunction.role.node.path]);
  });

  it('acknowledges in the stateful stack only the access-log bucket not logging itself', () => {
    // Assert
    expect(acknowledgementsUnder(stateful).map((acknowledgement) => [acknowledgement.path, acknowledgement.id])).toEqual([
      [expect.stringContaining('/AccessLogs'), 'AwsSolutions-S1'],
    ]);
  });

  it('acknowledges the documents/* prefix only on the roles the route table lets store or read documents, the effect runners and the report jobs', () => {
    // Arrange
    const expected = [
      ...REPORT_JOBS.map((name) => stateless.jobFunctions.get(name)!.role.node.path),
      ...[...stateless.routeFunctions].filter(([name]) => ROUTES.find((route) => route.name === name)?.documents !== undefined).map(([, fn]) => fn.role.node.path),
      stateless.effectsFunction.role.node.path,
      stateless.jobFunctions.get('redrive-outbox')!.role.node.path,
    ].sort();
    // Act
    const paths = acknowledgementsUnder(stateless)
      .filter((acknowledgement) => DOCUMENTS_ACKNOWLEDGEMENT.test(acknowledgement.id))
      .map((acknowledgement) => acknowledgement.path)
      .sort();
    // Assert
    expect(paths.length).toBeGreaterThan(5);
    expect(paths).toEqual(expected);
  });

  it('fails synthesis of the app on an unacknowledged violation (the pack is a validation plugin)', () => {
    // Arrange
    const outdir = mkdtempSync(join(tmpdir(), 'nag-'));
    const { app, stateless: stack } = buildApp({ bundle: false, outdir });
    new sqs.Queue(stack, 'PlainQueue');
    // Act
    const synth = () => app.synth();
    // Assert
    try {
      expect(synth).toThrow(/AwsSolutions-SQS4/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
    // Synthesizes the whole app with the pack: 8.8 s on two cores busy with two CPU hogs (31.5 s when
    // it still ran beside app.test's bundling, past the 30 s default).
  }, 60_000);

  it('checks the nested stacks of routes in synthesis too: reports a finding there by its path, honours an acknowledgement there', () => {
    // Arrange: two queues alike (SSL-only, encrypted: only SQS3, no DLQ), one acknowledged
    const outdir = mkdtempSync(join(tmpdir(), 'nag-'));
    const { app, stateless: stack } = buildApp({ bundle: false, outdir });
    const routes = stack.routeStacks.get('acceptances')!;
    const queueProps = { enforceSSL: true, encryption: sqs.QueueEncryption.SQS_MANAGED };
    const plain = new sqs.Queue(routes, 'PlainQueue', queueProps);
    const acknowledged = new sqs.Queue(routes, 'AcknowledgedQueue', queueProps);
    Validations.of(acknowledged).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'A probe of this test: acknowledged inside a nested stack of routes.' });
    // Act
    let report: { pluginReports: { pluginName: string; violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[] };
    try {
      expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
      report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as typeof report;
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
    // Assert
    expect(Stack.of(plain)).toBe(routes);
    const findings = report.pluginReports
      .filter((pluginReport) => pluginReport.pluginName === 'AwsSolutions')
      .flatMap((pluginReport) => pluginReport.violations)
      .flatMap((violation) => violation.violatingConstructs.map((construct) => [violation.ruleName, construct.constructPath]));
    expect(findings).toEqual([['AwsSolutions-SQS3', plain.node.defaultChild!.node.path]]);
  }, 60_000);

  it('acknowledges a public route’s APIG4 on its route, in the nested stack of its area', () => {
    // Arrange
    const publicRoutes = ROUTES.filter((route) => route.access === 'public');
    const pathOf = (route: (typeof ROUTES)[number]) => `${stateless.routeStacks.get(routeArea(route.path))!.node.path}/${route.name}-route`;
    // Act
    const acknowledged = acknowledgementsUnder(stateless).filter((acknowledgement) => acknowledgement.id === 'AwsSolutions-APIG4');
    // Assert
    expect(publicRoutes.length).toBeGreaterThan(0);
    expect(acknowledged.map((acknowledgement) => acknowledgement.path).sort()).toEqual(publicRoutes.map(pathOf).sort());
    for (const route of publicRoutes) {
      const acknowledgement = acknowledged.find((candidate) => candidate.path === pathOf(route));
      expect(String(acknowledgement?.reason), route.name).toContain(routeKey(route));
    }
  });
});
