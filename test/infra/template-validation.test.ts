import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnResource, CloudFormationValidatePlugin, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { buildApp } from '#infra/app.ts';

interface ValidationReport {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; violatingConstructs: { constructPath: string; cloudFormationResource?: { templatePath: string } }[] }[];
  }[];
}

/** Synthesis with the CloudFormation rules engine set up (cold) and the whole app validated: 18-25 s on two busy cores. */
const SYNTH_TIMEOUT_MS = 120_000;

describe('TemplateValidation', () => {
  it('fails synthesis on a schema error in a nested stack of routes and in the stack itself, naming both, in its one report (CDK adds no built-in second)', () => {
    // Arrange: an invalid MemorySize on a route function (nested stack) and on the authorizer (the stack)
    const outdir = mkdtempSync(join(tmpdir(), 'cfn-validate-'));
    const { app, stateless } = buildApp({ bundle: false, nag: false, outdir });
    const nested = stateless.routeFunctions.get('get-health')!.fn.node.defaultChild as CfnResource;
    const own = stateless.authorizer.fn.node.defaultChild as CfnResource;
    for (const resource of [nested, own]) resource.addPropertyOverride('MemorySize', 'lots');
    // Act
    let report: ValidationReport;
    try {
      expect(() => app.synth()).toThrow(/MemorySize/);
      report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
    // Assert
    expect(Stack.of(nested)).not.toBe(stateless);
    const cfnReports = report.pluginReports.filter((pluginReport) => pluginReport.pluginName === CloudFormationValidatePlugin.PLUGIN_NAME);
    expect(cfnReports).toHaveLength(1);
    const memorySize = cfnReports[0]!.violations.filter((violation) => violation.ruleName === 'F3012');
    expect(memorySize.flatMap((violation) => violation.violatingConstructs.map((construct) => construct.constructPath)).sort()).toEqual(
      [nested.node.path, own.node.path].sort(),
    );
    const templates = memorySize.flatMap((violation) => violation.violatingConstructs.map((construct) => construct.cloudFormationResource?.templatePath));
    expect(templates).toContain(`${stateless.artifactId}.template.json`);
    expect(templates.some((path) => path?.endsWith('.nested.template.json'))).toBe(true);
  }, SYNTH_TIMEOUT_MS);
});
