import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { REPO_ROOT } from '#infra/bundling.ts';

/** Shared helpers of the infra tests (not a test file itself). */

export interface CfnResourceJson {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Record<string, unknown>;
}

export interface PolicyStatementJson {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** A fresh App with cdk.json's feature flags and bundling skipped (template-shape tests). */
export function shapeOnlyApp(): App {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
}

export const resourcesOfType = (template: Template, type: string): [string, CfnResourceJson][] =>
  Object.entries(template.findResources(type) as Record<string, CfnResourceJson>);

export const logicalIdOf = (construct: IConstruct): string => {
  const child = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(child instanceof CfnResource)) throw new Error(`${construct.node.path} has no CfnResource`);
  return Stack.of(child).getLogicalId(child);
};

export const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every IAM statement attached (through AWS::IAM::Policy) to the role with this logical id. */
export function statementsOfRole(template: Template, roleLogicalId: string): PolicyStatementJson[] {
  return resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Properties?.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId })),
    )
    .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement);
}

export const actionsOf = (statements: PolicyStatementJson[]): Set<string> =>
  new Set(statements.flatMap((statement) => asArray(statement.Action)));

export interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: unknown;
}

/** Every Validations.of(x).acknowledge(...) recorded under a scope. */
export function acknowledgementsUnder(scope: IConstruct): Acknowledgement[] {
  const found: Acknowledgement[] = [];
  const walk = (construct: IConstruct): void => {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || entry.data === undefined) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        found.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
    construct.node.children.forEach(walk);
  };
  walk(scope);
  return found;
}

/**
 * CloudFormation references as one string, the way cdk-nag prints them: `{Ref: X}` -> `<X>`,
 * `Fn::GetAtt [X, A]` -> `<X.A>`, `Fn::Join` joined, `Fn::Sub` with `${X}` -> `<X>`.
 */
export function flattenReference(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const node = value as Record<string, unknown>;
  if (node !== null && typeof node === 'object') {
    if ('Ref' in node) return `<${String(node.Ref)}>`;
    if ('Fn::GetAtt' in node) return `<${(node['Fn::GetAtt'] as string[]).join('.')}>`;
    if ('Fn::Sub' in node) return flattenReference(node['Fn::Sub']);
    if ('Fn::Join' in node) {
      const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
      return parts.map(flattenReference).join(delimiter);
    }
  }
  return JSON.stringify(value);
}

