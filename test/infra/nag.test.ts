import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#infra/app.ts';
import { acknowledgementsUnder } from './helpers.ts';

/**
 * Every acknowledgement the app may carry. Adding one is a reviewed decision: extend this list
 * together with the acknowledgement and its reason.
 */
const ALLOWED_ACKNOWLEDGEMENTS = new Set([
  'AwsSolutions-IAM5[Resource::*]', // X-Ray actions of traced functions
  'AwsSolutions-L1', // runtime pinned to nodejs22.x
  'AwsSolutions-APIG4', // routes declared public in the route table
  'AwsSolutions-SQS3', // the scheduler DLQ is itself a DLQ
]);

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
  let stateless: Stack;

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
      expect(ALLOWED_ACKNOWLEDGEMENTS.has(acknowledgement.id), `${acknowledgement.path}: ${acknowledgement.id}`).toBe(true);
    }
  });

  it('acknowledges nothing in the stateful stack', () => {
    // Assert
    expect(acknowledgementsUnder(stateful)).toEqual([]);
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
  });
});
