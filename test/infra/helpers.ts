import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnResource, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
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

export interface TemplateJson {
  Resources: Record<string, CfnResourceJson>;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, { Value: unknown }>;
  [section: string]: unknown;
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


/** The stacks nested directly under a stack (the StatelessStack's route stacks). */
export const nestedStacksOf = (stack: Stack): NestedStack[] =>
  stack.node.findAll().filter((construct): construct is NestedStack => NestedStack.isNestedStack(construct) && construct.nestedStackParent === stack);

/**
 * The synthesized template of a stack and of every stack nested under it, at any depth, from one
 * synthesis of its app (Template.fromStack synthesizes the whole app once per stack).
 */
export function stackTemplates(stack: Stack): Map<Stack, TemplateJson> {
  const assembly = Stage.of(stack)!.synth({ force: true });
  const templates = new Map<Stack, TemplateJson>([[stack, assembly.getStackArtifact(stack.artifactId).template as TemplateJson]]);
  const addNested = (parent: Stack): void => {
    for (const nested of nestedStacksOf(parent)) {
      templates.set(nested, JSON.parse(readFileSync(join(assembly.directory, nested.templateFile), 'utf8')) as TemplateJson);
      addNested(nested);
    }
  };
  addNested(stack);
  return templates;
}

/**
 * A stack as CloudFormation deploys it: its own resources and those of every nested stack in one
 * template, each nested stack's parameters replaced by the values its parent passes (so a route
 * function's MAIL_FROM reads `{ Ref: 'MailFrom' }` as the parent's functions do) and the parent's
 * reads of nested outputs by the outputs' values. Throws rather than guess: on a logical id used
 * in two stacks, a parameter the parent does not pass, or one referenced other than by Ref.
 */
export function deployedTemplate(stack: Stack, templates = stackTemplates(stack)): Template {
  return Template.fromJSON(flattenNested(stack, templates));
}

function flattenNested(stack: Stack, templates: Map<Stack, TemplateJson>): TemplateJson {
  let flat = structuredClone(templates.get(stack)!);
  for (const nested of nestedStacksOf(stack)) {
    const child = flattenNested(nested, templates);
    const resourceId = stack.getLogicalId(nested.nestedStackResource!);
    const passed = (flat.Resources[resourceId]?.Properties?.Parameters ?? {}) as Record<string, unknown>;
    const declared = new Set(Object.keys(child.Parameters ?? {}));
    for (const name of declared) {
      if (!(name in passed)) throw new Error(`${nested.node.path}: parameter ${name} is not passed by ${stack.node.path}`);
    }
    const resolveParameters = (value: unknown): unknown =>
      replaceDeep(value, (node) => {
        const ref = isObject(node) ? node.Ref : undefined;
        if (typeof ref === 'string' && declared.has(ref)) return { found: true, value: passed[ref] };
        if (typeof node === 'string' && [...declared].some((name) => node.includes(`\${${name}}`))) {
          throw new Error(`${nested.node.path}: parameter referenced inside a string: ${node}`);
        }
        return { found: false };
      });
    for (const [id, resource] of Object.entries(resolveParameters(child.Resources) as Record<string, CfnResourceJson>)) {
      if (id in flat.Resources) throw new Error(`Logical id ${id} is in both ${stack.node.path} and ${nested.node.path}`);
      flat.Resources[id] = resource;
    }
    const outputs = resolveParameters(child.Outputs ?? {}) as Record<string, { Value: unknown }>;
    flat = replaceDeep(flat, (node) => {
      const getAtt = isObject(node) ? node['Fn::GetAtt'] : undefined;
      if (!Array.isArray(getAtt) || getAtt[0] !== resourceId || !String(getAtt[1]).startsWith('Outputs.')) return { found: false };
      const output = outputs[String(getAtt[1]).slice('Outputs.'.length)];
      if (output === undefined) throw new Error(`${stack.node.path} reads ${String(getAtt[1])}, which ${nested.node.path} does not output`);
      return { found: true, value: output.Value };
    }) as TemplateJson;
  }
  return flat;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A deep copy of `value` with every node `replace` finds replaced (and not descended into). */
function replaceDeep(value: unknown, replace: (node: unknown) => { found: boolean; value?: unknown }): unknown {
  const replaced = replace(value);
  if (replaced.found) return replaced.value;
  if (Array.isArray(value)) return value.map((item) => replaceDeep(item, replace));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceDeep(item, replace)]));
  }
  return value;
}
