import * as lambda from 'aws-cdk-lib/aws-lambda';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, routeKey, type RouteDefinition } from '#http/routes.ts';
import { parseConfig } from '#commons/config.ts';
import { scheduleNameOf } from '#adapters/deadline-scheduler.ts';
import { ONE_TIME_TARGETS, SCHEDULES, SCHEDULE_TIME_ZONE, scheduleExpression } from '#jobs/schedules.ts';
import { EFFECTS_FUNCTION, PENDING_WORK_ATTRIBUTE } from '#effects/stream-consumer.ts';
import { CONFIRM_SENT_ATTRIBUTES, MAIL_SENT_FUNCTION } from '#effects/mail-sent-event.ts';
import { mailKey } from '#adapters/table-keys.ts';
import { STACK_NAMES, buildApp } from '#infra/app.ts';
import { REPO_ROOT, type AppFunction } from '#infra/bundling.ts';
import { StatefulStack } from '#infra/stateful-stack.ts';
import {
  API_THROTTLE,
  DEADLINE_SCHEDULE_ACTIONS,
  DEADLINE_SCHEDULING_ENV,
  DEADLINE_TARGET_NAME,
  DOCUMENT_ACTIONS,
  EFFECT_RUNNERS,
  REPORT_JOBS,
  REPORT_RENDERING_ROUTES,
  ROOT_AREA,
  ROUTE_STACK_PREFIX,
  SCHEDULE_GROUP_NAME,
  StatelessStack,
  routeArea,
} from '#infra/stateless-stack.ts';
import { TABLE_INDEXES } from '#infra/table-definition.ts';
import {
  actionsOf,
  asArray,
  deployedTemplate,
  flattenReference,
  logicalIdOf,
  nestedStacksOf,
  resourcesOfType,
  shapeOnlyApp,
  stackTemplates,
  statementsOfRole,
  type CfnResourceJson,
  type PolicyStatementJson,
  type TemplateJson,
} from './helpers.ts';

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const SES_ACTIONS = ['ses:SendEmail', 'ses:SendRawEmail'];
/** Stream reads of the effects function's event source (ListStreams supports no resource-level permissions). */
const STREAM_READ_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];
const LIST_STREAMS = 'dynamodb:ListStreams';
/** Actions only the effect runners may hold: e-mail, deadline schedules, passing the scheduler role. */
const isEffectAction = (action: string) =>
  action === '*' || action.startsWith('ses:') || action.startsWith('scheduler:') || action.startsWith('iam:');
const XRAY_ACTIONS = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
/** The deadline schedules' ARN as cdk-nag and these tests flatten it: the one allowed resource wildcard besides X-Ray. */
const DEADLINE_SCHEDULES = `arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${SCHEDULE_GROUP_NAME}/dl-*`;
/** CloudFormation's limit of resources a stack (a nested stack is a stack of its own). */
const STACK_RESOURCE_LIMIT = 500;
/** Room every stack keeps: 40 more routes in any route stack, 40 more areas (a nested stack each) in the parent. */
const SPARE_ROUTES = 40;
const APP_VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const routeResources = (template: Template) =>
  resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(([id, route]) => ({
    id,
    key: route.Properties?.RouteKey as string,
    properties: route.Properties ?? {},
  }));

/** The function logical id a route's integration invokes. */
function integratedFunctionOf(template: Template, routeProperties: Record<string, unknown>): string {
  const target = JSON.stringify(routeProperties.Target);
  const integrations = resourcesOfType(template, 'AWS::ApiGatewayV2::Integration');
  const integration = integrations.find(([id]) => target.includes(`"${id}"`));
  const uri = integration?.[1].Properties?.IntegrationUri as { 'Fn::GetAtt': [string, string] } | undefined;
  return uri?.['Fn::GetAtt'][0] ?? '';
}

describe('routeArea', () => {
  it('is the first path segment after the version prefix', () => {
    // Act / Assert
    expect(routeArea('/v1/acceptances/{id}/return')).toBe('acceptances');
    expect(routeArea('/v1/knowledge-base/{bodyId}/{serviceCode}')).toBe('knowledge-base');
    expect(routeArea('/v1/calendars/KZ/{year}')).toBe('calendars');
    expect(routeArea('/v1/calendar/deadline')).toBe('calendar');
    expect(routeArea('/v2/appeals')).toBe('appeals');
  });

  it('puts paths outside /v1/<area> in their own first segment or the root area, as construct-id-safe names', () => {
    // Act / Assert
    expect(routeArea('/openapi.json')).toBe('openapi-json');
    expect(routeArea('/console/{proxy+}')).toBe('console');
    expect(routeArea('/v1')).toBe(ROOT_AREA);
    expect(routeArea('/')).toBe(ROOT_AREA);
    expect(routeArea('/v1/{id}')).toBe(ROOT_AREA);
  });
});

describe('StatelessStack', () => {
  let stack: StatelessStack;
  /** The stack as deployed: its resources and its nested stacks' (parameters resolved), in one template. */
  let template: Template;
  /** Its own template and each nested stack's, as synthesized. */
  let templates: Map<Stack, TemplateJson>;
  let statefulTemplate: Template;

  beforeAll(() => {
    const built = buildApp({ bundle: false, nag: false });
    stack = built.stateless;
    templates = stackTemplates(stack);
    template = deployedTemplate(stack, templates);
    statefulTemplate = Template.fromStack(built.stateful);
  });

  /** The effects function and the jobs of EFFECT_RUNNERS (redrive-outbox), by `<Effects|Jobs>/<name>`. */
  const expectedEffectRunners = () => ['Effects/effects', ...EFFECT_RUNNERS.map((name) => `Jobs/${name}`)].sort();
  /** The same functions, looked up by name (not from stack.effectRunners). */
  const effectRunnerFunctions = (): AppFunction[] => [stack.effectsFunction, ...EFFECT_RUNNERS.map((name) => stack.jobFunctions.get(name)!)];

  describe('HTTP API routes', () => {
    it('has exactly the route keys of the route table, and $default', () => {
      // Act
      const keys = routeResources(template).map((route) => route.key);
      // Assert
      expect(keys.sort()).toEqual([...ROUTES.map(routeKey), '$default'].sort());
    });

    it('sends $default (whatever no route takes) to method-not-allowed, behind the authorizer', () => {
      // Arrange
      const route = routeResources(template).find((candidate) => candidate.key === '$default');
      // Act / Assert
      expect(integratedFunctionOf(template, route?.properties ?? {})).toBe(logicalIdOf(stack.methodNotAllowedFunction.fn));
      expect(route?.properties.AuthorizationType).toBe('CUSTOM');
    });

    it('keeps this stack and each nested stack of routes under CloudFormation’s 500 resources, with room for 40 more routes', () => {
      // Arrange
      const countOf = (of: Stack) => Object.keys(templates.get(of)!.Resources).length;
      // Act / Assert: a new area costs this stack one resource (its nested stack); a new route
      // costs its area's stack what a route there costs now (6: function, role, policy,
      // integration, route, permission; route functions share one log group).
      expect([...templates.keys()]).toEqual([stack, ...stack.routeStacks.values()]);
      expect(countOf(stack) + SPARE_ROUTES, stack.node.path).toBeLessThanOrEqual(STACK_RESOURCE_LIMIT);
      for (const [area, nested] of stack.routeStacks) {
        const routes = ROUTES.filter((route) => routeArea(route.path) === area).length;
        const perRoute = countOf(nested) / routes;
        expect(perRoute, area).toBe(6);
        expect(countOf(nested) + SPARE_ROUTES * perRoute, area).toBeLessThanOrEqual(STACK_RESOURCE_LIMIT);
      }
    });

    it('puts each route’s function, role, policy, integration, route and invoke permission in the nested stack of its area', () => {
      // Arrange
      const resourcesOf = (of: Stack, type: string) =>
        Object.entries(templates.get(of)!.Resources).filter(([, resource]) => resource.Type === type);
      // Act / Assert
      expect(nestedStacksOf(stack)).toEqual([...stack.routeStacks.values()]);
      for (const definition of ROUTES) {
        const nested = stack.routeStacks.get(routeArea(definition.path))!;
        const fn = stack.routeFunctions.get(definition.name)!;
        expect(nested.node.id, definition.name).toBe(`${ROUTE_STACK_PREFIX}${routeArea(definition.path)}`);
        expect(Stack.of(fn.fn), definition.name).toBe(nested);
        const functionId = logicalIdOf(fn.fn);
        const resources = templates.get(nested)!.Resources;
        expect(resources[functionId]?.Type, definition.name).toBe('AWS::Lambda::Function');
        expect(resources[logicalIdOf(fn.role)]?.Type, definition.name).toBe('AWS::IAM::Role');
        expect(statementsOfRole(Template.fromJSON(templates.get(nested)!), logicalIdOf(fn.role)).length, definition.name).toBeGreaterThan(0);
        const route = resourcesOf(nested, 'AWS::ApiGatewayV2::Route').find(([, candidate]) => candidate.Properties?.RouteKey === routeKey(definition));
        expect(route, definition.name).toBeDefined();
        expect(integratedFunctionOf(Template.fromJSON(templates.get(nested)!), route![1].Properties!), definition.name).toBe(functionId);
        const permissions = resourcesOf(nested, 'AWS::Lambda::Permission').filter(
          ([, permission]) => JSON.stringify(permission.Properties?.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [functionId, 'Arn'] }),
        );
        expect(permissions.map(([, permission]) => permission.Properties?.Principal), definition.name).toEqual(['apigateway.amazonaws.com']);
      }
    });

    it('keeps the API, its stage, the authorizer and the $default route in this stack, none in a nested stack', () => {
      // Arrange
      const own = Template.fromJSON(templates.get(stack)!);
      // Assert
      for (const type of ['AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Stage', 'AWS::ApiGatewayV2::Authorizer']) own.resourceCountIs(type, 1);
      expect(routeResources(own).map((route) => route.key)).toEqual(['$default']);
      for (const fn of [stack.authorizer, stack.methodNotAllowedFunction, stack.effectsFunction, ...stack.jobFunctions.values(), ...stack.oneTimeFunctions.values()]) {
        expect(Stack.of(fn.fn), fn.node.path).toBe(stack);
      }
      for (const nested of stack.routeStacks.values()) {
        const types = new Set(Object.values(templates.get(nested)!.Resources).map((resource) => resource.Type));
        expect([...types].sort(), nested.node.id).toEqual(
          ['AWS::ApiGatewayV2::Integration', 'AWS::ApiGatewayV2::Route', 'AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::Lambda::Function', 'AWS::Lambda::Permission'].sort(),
        );
      }
    });

    it('leaves public routes open and guards every other route with the Lambda authorizer', () => {
      // Arrange
      const routes = routeResources(template);
      // Act / Assert
      for (const definition of ROUTES) {
        const route = routes.find((candidate) => candidate.key === routeKey(definition));
        if (definition.access === 'public') {
          expect(route?.properties.AuthorizationType, routeKey(definition)).toBe('NONE');
          expect(route?.properties.AuthorizerId, routeKey(definition)).toBeUndefined();
        } else {
          expect(route?.properties.AuthorizationType, routeKey(definition)).toBe('CUSTOM');
          expect(route?.properties.AuthorizerId, routeKey(definition)).toBeDefined();
        }
      }
    });

    it('integrates each route with the function named after it', () => {
      // Arrange
      const routes = routeResources(template);
      // Act / Assert
      for (const definition of ROUTES) {
        const route = routes.find((candidate) => candidate.key === routeKey(definition));
        const fn = stack.routeFunctions.get(definition.name);
        expect(fn, definition.name).toBeDefined();
        expect(integratedFunctionOf(template, route?.properties ?? {}), definition.name).toBe(logicalIdOf(fn!.fn));
      }
    });

    it('has one $default stage, auto-deployed, throttled and access-logged', () => {
      // Assert
      template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: API_THROTTLE.rateLimit, ThrottlingBurstLimit: API_THROTTLE.burstLimit },
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
      });
    });

    it('outputs the API URL', () => {
      // Assert
      expect(Object.keys(template.findOutputs('ApiUrl'))).toHaveLength(1);
    });
  });

  describe('schedules', () => {
    it('has one EventBridge Scheduler schedule per schedule table entry, in Asia/Almaty', () => {
      // Arrange
      const schedules = resourcesOfType(template, 'AWS::Scheduler::Schedule');
      // Assert
      expect(schedules).toHaveLength(SCHEDULES.length);
      expect(SCHEDULE_TIME_ZONE).toBe('Asia/Almaty');
      for (const definition of SCHEDULES) {
        const fn = stack.jobFunctions.get(definition.name);
        const schedule = schedules.find(
          ([, resource]) => JSON.stringify((resource.Properties?.Target as { Arn: unknown }).Arn) ===
            JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(fn!.fn), 'Arn'] }),
        );
        expect(schedule, definition.name).toBeDefined();
        const properties = schedule![1].Properties ?? {};
        expect(properties.ScheduleExpression).toBe(scheduleExpression(definition));
        expect(properties.ScheduleExpressionTimezone).toBe('Asia/Almaty');
        expect(properties.GroupName).toBe(SCHEDULE_GROUP_NAME);
      }
    });

    it('passes the job name and the scheduled time, with a DLQ and a retry policy', () => {
      // Arrange
      const schedules = resourcesOfType(template, 'AWS::Scheduler::Schedule');
      // Act
      const targets = schedules.map(([, resource]) => resource.Properties?.Target as Record<string, unknown>);
      // Assert
      const jobs = targets.map((target) => (JSON.parse(target.Input as string) as { job: string }).job);
      expect(jobs.sort()).toEqual(SCHEDULES.map((schedule) => schedule.name).sort());
      for (const target of targets) {
        expect(JSON.parse(target.Input as string)).toMatchObject({ scheduledTime: '<aws.scheduler.scheduled-time>' });
        expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [logicalIdOf(stack.schedulerDlq), 'Arn'] } });
        expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 });
      }
    });

    it('creates the schedule group and an SSL-only, encrypted DLQ', () => {
      // Assert
      template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: SCHEDULE_GROUP_NAME });
      template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('lets each schedule role invoke only its own job function and write only to the DLQ', () => {
      // Arrange
      const schedules = resourcesOfType(template, 'AWS::Scheduler::Schedule');
      // Act / Assert
      for (const [, schedule] of schedules) {
        const target = schedule.Properties?.Target as { Arn: unknown; RoleArn: { 'Fn::GetAtt': [string, string] } };
        const statements = statementsOfRole(template, target.RoleArn['Fn::GetAtt'][0]);
        expect(statements).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ Action: 'lambda:InvokeFunction', Resource: target.Arn }),
            expect.objectContaining({ Action: 'sqs:SendMessage' }),
          ]),
        );
        expect(statements).toHaveLength(2);
      }
    });
  });

  describe('Lambda functions', () => {
    let functions: [string, CfnResourceJson][];

    beforeAll(() => {
      functions = resourcesOfType(template, 'AWS::Lambda::Function');
    });

    it('has one function per route, per job, per one-time target, the authorizer, the effects and mail-sent functions and method-not-allowed', () => {
      // Assert
      expect(functions).toHaveLength(ROUTES.length + SCHEDULES.length + ONE_TIME_TARGETS.length + 4);
    });

    it('gives the functions that generate reports, and only them, 2 GiB of /tmp for their spools and files (issue 15 §6)', () => {
      // Arrange
      const storageOf = (fn: AppFunction) => (fn.fn.node.defaultChild as lambda.CfnFunction).ephemeralStorage;
      const reporting = [...REPORT_JOBS.map((name) => stack.jobFunctions.get(name)!), ...REPORT_RENDERING_ROUTES.map((name) => stack.routeFunctions.get(name)!)];
      // Act / Assert
      expect(reporting).toHaveLength(3);
      for (const fn of reporting) expect(storageOf(fn), fn.node.path).toEqual({ size: 2048 });
      for (const fn of [...stack.jobFunctions.values(), ...stack.routeFunctions.values()].filter((other) => !reporting.includes(other))) {
        expect(storageOf(fn), fn.node.path).toBeUndefined();
      }
    });

    it('runs every function on nodejs22.x or newer, arm64, traced, 512 MB, with its own log group', () => {
      // Act / Assert
      for (const [id, fn] of functions) {
        const properties = fn.Properties ?? {};
        const runtime = /^nodejs(\d+)\.x$/.exec(properties.Runtime as string);
        expect(Number(runtime?.[1]), id).toBeGreaterThanOrEqual(22);
        expect(properties.Architectures, id).toEqual(['arm64']);
        expect(properties.TracingConfig, id).toEqual({ Mode: 'Active' });
        expect(properties.MemorySize, id).toBe(512);
        expect(properties.Handler, id).toBe('index.handler');
        expect((properties.LoggingConfig as { LogGroup?: unknown }).LogGroup, id).toBeDefined();
      }
      for (const [, logGroup] of resourcesOfType(template, 'AWS::Logs::LogGroup')) {
        expect(logGroup.Properties?.RetentionInDays).toBeGreaterThan(0);
      }
    });

    it('gives HTTP functions 10 s, jobs 30 s and the effects function EFFECTS_FUNCTION.timeoutSeconds', () => {
      // Arrange
      const timeoutOf = (logicalId: string) => template.toJSON().Resources[logicalId].Properties.Timeout as number;
      // Assert
      for (const fn of [stack.authorizer, ...stack.routeFunctions.values()]) expect(timeoutOf(logicalIdOf(fn.fn))).toBe(10);
      for (const fn of [...stack.jobFunctions.values(), ...stack.oneTimeFunctions.values()]) {
        expect(timeoutOf(logicalIdOf(fn.fn))).toBe(30);
      }
      expect(EFFECTS_FUNCTION.timeoutSeconds).toBe(60);
      expect(timeoutOf(logicalIdOf(stack.effectsFunction.fn))).toBe(EFFECTS_FUNCTION.timeoutSeconds);
    });

    it('passes the environment the handlers read', () => {
      // Act / Assert
      for (const [id, fn] of functions) {
        const variables = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(Object.keys(variables), id).toEqual(
          expect.arrayContaining(['TABLE_NAME', 'APP_VERSION', 'MAIL_FROM', 'SES_CONFIGURATION_SET']),
        );
        expect(variables.APP_VERSION, id).toBe(APP_VERSION);
        expect(variables.MAIL_FROM, id).toEqual({ Ref: 'MailFrom' });
        expect(variables.SES_CONFIGURATION_SET, id).toEqual({ Ref: logicalIdOf(stack.configurationSet) });
      }
      // The scheduler variables (SCHEDULE_GROUP, SCHEDULER_*) only where effects run: see 'deadline schedules'.
    });

    it('declares the MailFrom and SesConfigurationSetName parameters', () => {
      // Assert
      template.hasParameter('MailFrom', { Type: 'String', AllowedPattern: Match.anyValue() });
      template.hasParameter('SesConfigurationSetName', { Type: 'String' });
      template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: { Ref: 'SesConfigurationSetName' } });
    });
  });

  describe('deadline schedules (one-time, created by the app at run time)', () => {
    const isGet = (route: RouteDefinition) => route.method === 'GET';
    const variablesOf = (fn: AppFunction): Record<string, unknown> =>
      template.toJSON().Resources[logicalIdOf(fn.fn)].Properties.Environment.Variables as Record<string, unknown>;
    const schedulerRoleId = () => logicalIdOf(stack.deadlineSchedulerRole);
    const fireDeadline = () => stack.oneTimeFunctions.get(DEADLINE_TARGET_NAME)!;
    /** Every function whose handler writes to the table. */
    const writers = (): [string, AppFunction][] => [
      ...ROUTES.filter((route) => !isGet(route)).map((route): [string, AppFunction] => [route.name, stack.routeFunctions.get(route.name)!]),
      ...stack.jobFunctions,
      ...stack.oneTimeFunctions,
      [EFFECTS_FUNCTION.name, stack.effectsFunction],
    ];
    /** The functions that run effects: the effects function and the EFFECT_RUNNERS jobs. */
    const effectRunners = (): [string, AppFunction][] => [
      [EFFECTS_FUNCTION.name, stack.effectsFunction],
      ...EFFECT_RUNNERS.map((name): [string, AppFunction] => [name, stack.jobFunctions.get(name)!]),
    ];
    /** Every other writer but the report jobs (which also send their report): they write the table (pending work) and nothing else. */
    const plainWriters = (): [string, AppFunction][] =>
      writers().filter(([name, fn]) => !effectRunners().some(([, runner]) => runner === fn) && !REPORT_JOBS.includes(name));
    const readers = (): [string, AppFunction][] => [
      ['authorize', stack.authorizer],
      ...ROUTES.filter(isGet).map((route): [string, AppFunction] => [route.name, stack.routeFunctions.get(route.name)!]),
    ];

    it('has one function per one-time target, arm64 on nodejs22.x, under a fixed name', () => {
      // Assert
      expect([...stack.oneTimeFunctions.keys()].sort()).toEqual(ONE_TIME_TARGETS.map((target) => target.name).sort());
      expect(stack.oneTimeFunctions.has('fire-deadline')).toBe(true);
      for (const [name, fn] of stack.oneTimeFunctions) {
        const properties = template.toJSON().Resources[logicalIdOf(fn.fn)].Properties;
        expect(properties.Runtime, name).toBe('nodejs22.x');
        expect(properties.Architectures, name).toEqual(['arm64']);
        expect(properties.FunctionName, name).toBe(`${stack.stackName}-${name}`);
        expect(properties.Timeout, name).toBe(30);
      }
    });

    it('is not on a recurring schedule: the stack schedules only the jobs of SCHEDULES', () => {
      // Arrange
      const targets = resourcesOfType(template, 'AWS::Scheduler::Schedule').map(([, schedule]) =>
        JSON.stringify((schedule.Properties?.Target as { Arn: unknown }).Arn),
      );
      // Assert
      for (const fn of stack.oneTimeFunctions.values()) {
        expect(targets).not.toContain(JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(fn.fn), 'Arn'] }));
        expect(targets).not.toContain(JSON.stringify(stack.resolve(stack.deadlineTargetArn)));
      }
    });

    it('names the fire-deadline function in SCHEDULER_TARGET_ARN by a plain ARN string (no reference to it)', () => {
      // Act
      const targetArn = flattenReference(stack.resolve(stack.deadlineTargetArn));
      // Assert
      const functionName = template.toJSON().Resources[logicalIdOf(fireDeadline().fn)].Properties.FunctionName as string;
      expect(functionName).toBe(`${stack.stackName}-${DEADLINE_TARGET_NAME}`);
      expect(targetArn).toMatch(new RegExp(`^arn:(aws[a-z-]*|<AWS::Partition>):lambda:([a-z0-9-]+|<AWS::Region>):(\\d{12}|<AWS::AccountId>):function:${functionName}$`));
      expect(JSON.stringify(stack.resolve(stack.deadlineTargetArn))).not.toContain(logicalIdOf(fireDeadline().fn));
    });

    it('gives the scheduler role a trust in scheduler.amazonaws.com from this account and schedule group only', () => {
      // Act
      const role = template.toJSON().Resources[schedulerRoleId()];
      // Assert
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalIdOf(stack.scheduleGroup), 'Arn'] } },
          },
        },
      ]);
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.Policies).toBeUndefined();
    });

    it('lets the scheduler role only invoke the one-time target functions and write to the scheduler DLQ', () => {
      // Act
      const statements = statementsOfRole(template, schedulerRoleId());
      // Assert
      expect(statements).toHaveLength(2);
      const invoke = statements.find((statement) => statement.Action === 'lambda:InvokeFunction');
      const send = statements.find((statement) => statement.Action === 'sqs:SendMessage');
      expect(invoke?.Effect).toBe('Allow');
      expect(asArray(invoke?.Resource).map(flattenReference)).toEqual([flattenReference(stack.resolve(stack.deadlineTargetArn))]);
      expect(send?.Effect).toBe('Allow');
      expect(send?.Resource).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack.schedulerDlq), 'Arn'] });
    });

    it('treats exactly the non-GET routes, the jobs, the one-time targets and the effects function as writers', () => {
      // Assert
      const expected = [
        ...ROUTES.filter((route) => !isGet(route)).map((route) => `Http/${route.name}`),
        ...SCHEDULES.map((schedule) => `Jobs/${schedule.name}`),
        ...ONE_TIME_TARGETS.map((target) => `OneTime/${target.name}`),
        `Effects/${EFFECTS_FUNCTION.name}`,
      ];
      expect([...stack.writerFunctions.keys()].sort()).toEqual(expected.sort());
      expect(writers()).toHaveLength(expected.length);
    });

    it('runs effects in exactly the effects function and the redrive-outbox job, a job of SCHEDULES', () => {
      // Assert
      expect(EFFECT_RUNNERS).toEqual(['redrive-outbox']);
      for (const name of EFFECT_RUNNERS) expect(SCHEDULES.map((schedule) => schedule.name)).toContain(name);
      expect([...stack.effectRunners.keys()].sort()).toEqual(expectedEffectRunners());
      expect(stack.effectRunners.get('Effects/effects')).toBe(stack.effectsFunction);
      expect(stack.effectRunners.get('Jobs/redrive-outbox')).toBe(stack.jobFunctions.get('redrive-outbox'));
    });

    it('passes the effect runners the four scheduler variables', () => {
      // Arrange
      const expected = {
        SCHEDULER_TARGET_ARN: stack.resolve(stack.deadlineTargetArn),
        SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': [schedulerRoleId(), 'Arn'] },
        SCHEDULER_DLQ_ARN: { 'Fn::GetAtt': [logicalIdOf(stack.schedulerDlq), 'Arn'] },
        SCHEDULE_GROUP: SCHEDULE_GROUP_NAME,
      };
      expect(Object.keys(expected).sort()).toEqual([...DEADLINE_SCHEDULING_ENV].sort());
      // Act / Assert
      for (const [name, fn] of effectRunners()) expect(variablesOf(fn), name).toMatchObject(expected);
    });

    it('passes no other function any scheduler variable (routes, other jobs, one-time targets, authorizer, mail-sent)', () => {
      // Arrange
      const runnerIds = new Set(effectRunners().map(([, fn]) => logicalIdOf(fn.fn)));
      const others = resourcesOfType(template, 'AWS::Lambda::Function').filter(([id]) => !runnerIds.has(id));
      // Act / Assert
      expect(others).toHaveLength(ROUTES.length + SCHEDULES.length - EFFECT_RUNNERS.length + ONE_TIME_TARGETS.length + 3);
      for (const [id, fn] of others) {
        const variables = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
        for (const variable of DEADLINE_SCHEDULING_ENV) expect(variables, `${id} ${variable}`).not.toHaveProperty(variable);
      }
      for (const [name, fn] of plainWriters()) {
        for (const variable of DEADLINE_SCHEDULING_ENV) expect(variablesOf(fn), `${name} ${variable}`).not.toHaveProperty(variable);
      }
    });

    it('lets the effect runners manage only dl-* schedules in the app group, and pass only the scheduler role, only to Scheduler', () => {
      // Act / Assert
      for (const [name, fn] of effectRunners()) {
        const statements = statementsOfRole(template, logicalIdOf(fn.role));
        const scheduling = statements.filter((statement) => asArray(statement.Action).some((action) => action.startsWith('scheduler:')));
        expect(scheduling, name).toHaveLength(1);
        expect(asArray(scheduling[0]!.Action).sort(), name).toEqual([...DEADLINE_SCHEDULE_ACTIONS].sort());
        expect(flattenReference(scheduling[0]!.Resource), name).toBe(DEADLINE_SCHEDULES);
        const passing = statements.filter((statement) => asArray(statement.Action).some((action) => action.startsWith('iam:')));
        expect(passing, name).toEqual([
          {
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: { 'Fn::GetAtt': [schedulerRoleId(), 'Arn'] },
            Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
          },
        ]);
      }
    });

    it('gives the other writers (routes, other jobs, one-time targets) no scheduler, IAM or SES permission', () => {
      // Act / Assert
      expect(plainWriters().length).toBeGreaterThan(0);
      for (const [name, fn] of plainWriters()) {
        const actions = [...actionsOf(statementsOfRole(template, logicalIdOf(fn.role)))];
        expect(actions.filter(isEffectAction), name).toEqual([]);
      }
    });

    it('gives GET routes and the authorizer no scheduler variable and no scheduler or IAM permission', () => {
      // Act / Assert
      for (const [name, fn] of readers()) {
        for (const variable of DEADLINE_SCHEDULING_ENV) expect(variablesOf(fn), `${name} ${variable}`).not.toHaveProperty(variable);
        const actions = [...actionsOf(statementsOfRole(template, logicalIdOf(fn.role)))];
        expect(actions.filter((action) => action.startsWith('scheduler:') || action.startsWith('iam:')), name).toEqual([]);
      }
    });

    it('scopes the schedule ARN to the names the app gives its deadline schedules', () => {
      // Act
      const name = scheduleNameOf('acceptance-1:consultation:1');
      // Assert
      expect(name).toMatch(/^dl-[0-9a-f]{40}$/);
      expect(DEADLINE_SCHEDULES.endsWith(`/${SCHEDULE_GROUP_NAME}/dl-*`)).toBe(true);
    });

    it('sets the very variables functions/commons/config.ts reads', () => {
      // Act
      const config = parseConfig({
        TABLE_NAME: 'ucc-test',
        SCHEDULER_TARGET_ARN: 'target',
        SCHEDULER_ROLE_ARN: 'role',
        SCHEDULER_DLQ_ARN: 'dlq',
        SCHEDULE_GROUP: 'group',
      });
      // Assert
      expect(config).toMatchObject({ SCHEDULER_TARGET_ARN: 'target', SCHEDULER_ROLE_ARN: 'role', SCHEDULER_DLQ_ARN: 'dlq', SCHEDULE_GROUP: 'group' });
    });
  });

  describe('effects function (fed by the table stream)', () => {
    const mappings = () => resourcesOfType(template, 'AWS::Lambda::EventSourceMapping');
    const mapping = () => mappings()[0]![1].Properties ?? {};
    const queueId = () => logicalIdOf(stack.effectsFailureQueue);

    it('is built from EFFECTS_FUNCTION, arm64 on nodejs22.x, traced', () => {
      // Act
      const properties = template.toJSON().Resources[logicalIdOf(stack.effectsFunction.fn)].Properties;
      // Assert
      expect(EFFECTS_FUNCTION.entry).toBe('functions/effects/handle-stream.ts');
      expect(existsSync(join(REPO_ROOT, EFFECTS_FUNCTION.entry))).toBe(true);
      expect(stack.effectsFunction.node.path).toBe(`${stack.stackName}/Effects/${EFFECTS_FUNCTION.name}`);
      expect(properties.Runtime).toBe('nodejs22.x');
      expect(properties.Architectures).toEqual(['arm64']);
      expect(properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(properties.Timeout).toBe(EFFECTS_FUNCTION.timeoutSeconds);
      expect(properties.Description).toBe(EFFECTS_FUNCTION.description);
    });

    it('has exactly one event source mapping: the table stream into the effects function', () => {
      // Arrange
      // A cross-stack reference: cdk.json's weak references read the stateful stack's output (no export).
      const stream = mapping().EventSourceArn as { 'Fn::GetStackOutput': { StackName: string; OutputName: string } };
      const outputs = statefulTemplate.toJSON().Outputs as Record<string, { Value: unknown }>;
      const [tableId] = Object.keys(statefulTemplate.findResources('AWS::DynamoDB::Table'));
      // Assert
      expect(mappings()).toHaveLength(1);
      expect(mapping().FunctionName).toEqual({ Ref: logicalIdOf(stack.effectsFunction.fn) });
      expect(stream['Fn::GetStackOutput'].StackName).toBe(STACK_NAMES.stateful);
      expect(outputs[stream['Fn::GetStackOutput'].OutputName]?.Value).toEqual({ 'Fn::GetAtt': [tableId, 'StreamArn'] });
    });

    it('reads from the trim horizon in batches of EFFECTS_FUNCTION, bisecting failed batches, reporting item failures', () => {
      // Assert
      expect(mapping()).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: EFFECTS_FUNCTION.batchSize,
        MaximumBatchingWindowInSeconds: EFFECTS_FUNCTION.maxBatchingWindowSeconds,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: EFFECTS_FUNCTION.retryAttempts,
      });
      expect(EFFECTS_FUNCTION.retryAttempts).toBe(8);
    });

    it('passes only records whose new image carries pending work (pendingPk)', () => {
      // Act
      const filters = (mapping().FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
      // Assert
      expect(PENDING_WORK_ATTRIBUTE).toBe('pendingPk');
      expect(filters).toHaveLength(1);
      expect(JSON.parse(filters[0]!.Pattern)).toEqual({ dynamodb: { NewImage: { pendingPk: { S: [{ exists: true }] } } } });
    });

    it('sends the records it gives up on to an encrypted, SSL-only SQS queue kept 14 days', () => {
      // Act
      const queue = template.toJSON().Resources[queueId()];
      // Assert
      expect(mapping().DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': [queueId(), 'Arn'] } } });
      expect(queue.Type).toBe('AWS::SQS::Queue');
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId() }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('raises an alarm as soon as the failure queue holds a visible message', () => {
      // Act
      const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').filter(([, alarm]) =>
        JSON.stringify(alarm.Properties?.Dimensions).includes(`"${queueId()}"`),
      );
      // Assert
      expect(alarms).toHaveLength(1);
      expect(alarms[0]![1].Properties).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(), 'QueueName'] } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      });
    });

    it('lets the effects function read the stream, write the failure queue, read-write the table and read documents, and nothing else', () => {
      // Arrange
      const statements = statementsOfRole(template, logicalIdOf(stack.effectsFunction.role));
      const stream = mapping().EventSourceArn;
      // Act
      const streamRead = statements.find((statement) => asArray(statement.Action).includes('dynamodb:GetRecords'));
      const sqsSend = statements.find((statement) => asArray(statement.Action).includes('sqs:SendMessage'));
      // Assert
      expect(asArray(streamRead?.Action).sort()).toEqual([...STREAM_READ_ACTIONS].sort());
      expect(streamRead?.Resource).toEqual(stream);
      expect(sqsSend?.Resource).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack.effectsFailureQueue), 'Arn'] });
      const actions = actionsOf(statements);
      for (const action of [...WRITE_ACTIONS, ...SES_ACTIONS, ...DEADLINE_SCHEDULE_ACTIONS, LIST_STREAMS]) {
        expect(actions.has(action), action).toBe(true);
      }
      const unexpected = [...actions].filter(
        (action) =>
          !/^(logs|xray|dynamodb|ses|scheduler):/.test(action) &&
          action !== 'iam:PassRole' &&
          !['s3:GetObject', 's3:PutObjectTagging'].includes(action) &&
          !['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'].includes(action),
      );
      expect(unexpected).toEqual([]);
      expect(actions.has('dynamodb:Scan')).toBe(false);
    });

    it('is the only function with stream access', () => {
      // Act / Assert
      for (const [id, policy] of resourcesOfType(template, 'AWS::IAM::Policy')) {
        const statements = (policy.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement;
        const streamActions = statements
          .flatMap((statement) => asArray(statement.Action))
          .filter((action) => [...STREAM_READ_ACTIONS, LIST_STREAMS].includes(action));
        if (streamActions.length > 0) {
          expect(policy.Properties?.Roles, id).toEqual([{ Ref: logicalIdOf(stack.effectsFunction.role) }]);
        }
      }
    });
  });

  describe('mail-sent function (SES Email Sent events → the mail ledger, issue 17 §3)', () => {
    const ruleProperties = () => template.toJSON().Resources[logicalIdOf(stack.mailSentRule)].Properties;

    it('is built from MAIL_SENT_FUNCTION, arm64 on nodejs22.x, with the base environment', () => {
      // Act
      const properties = template.toJSON().Resources[logicalIdOf(stack.mailSentFunction.fn)].Properties;
      // Assert
      expect(existsSync(join(REPO_ROOT, MAIL_SENT_FUNCTION.entry))).toBe(true);
      expect(stack.mailSentFunction.node.path).toBe(`${stack.stackName}/Effects/${MAIL_SENT_FUNCTION.name}`);
      expect(properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: MAIL_SENT_FUNCTION.timeoutSeconds, Description: MAIL_SENT_FUNCTION.description });
    });

    it('has the configuration set publish its SEND events, and only those, to the default event bus', () => {
      // Act
      const destinations = resourcesOfType(template, 'AWS::SES::ConfigurationSetEventDestination');
      // Assert
      expect(destinations).toHaveLength(1);
      const properties = destinations[0]![1].Properties as { ConfigurationSetName: unknown; EventDestination: Record<string, unknown> };
      expect(properties.ConfigurationSetName).toEqual({ Ref: logicalIdOf(stack.configurationSet) });
      expect(properties.EventDestination.Enabled).toBe(true);
      expect(properties.EventDestination.MatchingEventTypes).toEqual(['send']);
      expect(flattenReference((properties.EventDestination.EventBridgeDestination as { EventBusArn: unknown }).EventBusArn)).toBe(
        `arn:aws:events:${stack.region}:<AWS::AccountId>:event-bus/default`,
      );
    });

    it("routes the configuration set's Email Sent events to the function, with retries and a dead-letter queue", () => {
      // Act
      const properties = ruleProperties();
      const [target] = properties.Targets as { Arn: unknown; DeadLetterConfig: { Arn: unknown }; RetryPolicy: Record<string, number> }[];
      // Assert
      expect(properties.EventBusName).toBeUndefined(); // the default bus, the only one SES publishes to
      expect(properties.EventPattern).toEqual({
        source: ['aws.ses'],
        'detail-type': ['Email Sent'],
        detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: logicalIdOf(stack.configurationSet) }] } } },
      });
      expect(properties.Targets).toHaveLength(1);
      expect(target!.Arn).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack.mailSentFunction.fn), 'Arn'] });
      expect(target!.DeadLetterConfig.Arn).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack.mailSentFailureQueue), 'Arn'] });
      expect(target!.RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 3600 });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [logicalIdOf(stack.mailSentFunction.fn), 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [logicalIdOf(stack.mailSentRule), 'Arn'] },
      });
    });

    it('lets it only update ledger items (MAIL#…), only the attributes confirmSent writes, and nothing else', () => {
      // Act
      const statements = statementsOfRole(template, logicalIdOf(stack.mailSentFunction.role));
      const table = statements.filter((statement) => asArray(statement.Action).some((action) => action.startsWith('dynamodb:')));
      const others = [...actionsOf(statements)].filter((action) => !action.startsWith('logs:') && !XRAY_ACTIONS.has(action));
      // Assert
      expect(others).toEqual(['dynamodb:UpdateItem']);
      expect(table).toHaveLength(1);
      const prefix = mailKey('').pk;
      expect(prefix.length).toBeGreaterThan(0);
      expect(mailKey('acc-1:request:v1').pk).toBe(`${prefix}acc-1:request:v1`);
      expect((table[0] as { Condition?: unknown }).Condition).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${prefix}*`] },
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...CONFIRM_SENT_ATTRIBUTES] },
      });
      expect(JSON.stringify(table[0]!.Resource)).not.toContain('index');
    });

    it('keeps the undelivered events in an encrypted, SSL-only queue for 14 days', () => {
      // Act
      const queue = template.toJSON().Resources[logicalIdOf(stack.mailSentFailureQueue)];
      // Assert
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalIdOf(stack.mailSentFailureQueue) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({ Effect: 'Allow', Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' } }),
          ]),
        },
      });
    });
  });

  describe('IAM', () => {
    it('uses no AWS managed policy', () => {
      // Act
      const roles = resourcesOfType(template, 'AWS::IAM::Role');
      // Assert
      for (const [id, role] of roles) expect(role.Properties?.ManagedPolicyArns, id).toBeUndefined();
    });

    it('has no wildcard resource except for the X-Ray actions, the effects stream listing, the deadline schedules and the documents prefix', () => {
      // Arrange
      const effectsRole = { Ref: logicalIdOf(stack.effectsFunction.role) };
      const statements = resourcesOfType(template, 'AWS::IAM::Policy').flatMap(([, policy]) =>
        (policy.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement.map(
          (statement) => ({ ...statement, roles: policy.Properties?.Roles as unknown[] }),
        ),
      );
      // Act
      const wildcard = statements.filter((statement) => JSON.stringify(statement.Resource).includes('*'));
      // Assert
      expect(wildcard.some((statement) => asArray(statement.Action).includes(LIST_STREAMS))).toBe(true);
      for (const statement of wildcard) {
        if (statement.Resource === '*') {
          for (const action of asArray(statement.Action)) {
            if (action === LIST_STREAMS) {
              // dynamodb:ListStreams supports no resource-level permissions; only the stream consumer holds it.
              expect(statement.roles, action).toEqual([effectsRole]);
            } else {
              expect(XRAY_ACTIONS.has(action), action).toBe(true);
            }
          }
        } else if (JSON.stringify(statement.Resource).includes('/documents/*')) {
          // The documents bucket's object prefix: only reading, storing and tagging objects.
          expect(Object.values(DOCUMENT_ACTIONS).map((actions) => [...actions].sort())).toContainEqual(asArray(statement.Action).sort());
        } else {
          expect(flattenReference(statement.Resource)).toBe(DEADLINE_SCHEDULES);
          expect(asArray(statement.Action).sort()).toEqual([...DEADLINE_SCHEDULE_ACTIONS].sort());
        }
      }
    });

    it('gives no function but the effects function, the redrive-outbox job and the report jobs (ses:SendEmail only) any ses:*, scheduler:* or iam:* action (every IAM policy)', () => {
      // Arrange
      const reportRoles = new Set(REPORT_JOBS.map((name) => JSON.stringify({ Ref: logicalIdOf(stack.jobFunctions.get(name)!.role) })));
      const runnerRoles = new Set([...effectRunnerFunctions().map((fn) => JSON.stringify({ Ref: logicalIdOf(fn.role) })), ...reportRoles]);
      const holders = new Set<string>();
      // Act
      for (const [id, policy] of resourcesOfType(template, 'AWS::IAM::Policy')) {
        const statements = (policy.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement;
        const effectActions = statements.flatMap((statement) => asArray(statement.Action)).filter(isEffectAction);
        if (effectActions.length === 0) continue;
        for (const role of policy.Properties?.Roles as unknown[]) {
          holders.add(JSON.stringify(role));
          expect(runnerRoles.has(JSON.stringify(role)), `${id}: ${JSON.stringify(role)} ${effectActions.join(' ')}`).toBe(true);
          if (reportRoles.has(JSON.stringify(role))) expect(effectActions.every((action) => action.startsWith('ses:')), `${id}: ${effectActions.join(' ')}`).toBe(true);
        }
      }
      for (const [id, policy] of resourcesOfType(template, 'AWS::IAM::ManagedPolicy')) {
        const statements = (policy.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement;
        expect(statements.flatMap((statement) => asArray(statement.Action)).filter(isEffectAction), id).toEqual([]);
      }
      for (const [id, role] of resourcesOfType(template, 'AWS::IAM::Role')) expect(role.Properties?.Policies, id).toBeUndefined();
      // Assert: and both runners do hold them (the rule is not vacuous)
      expect([...holders].sort()).toEqual([...runnerRoles].sort());
      for (const fn of effectRunnerFunctions()) {
        const actions = actionsOf(statementsOfRole(template, logicalIdOf(fn.role)));
        for (const action of [...SES_ACTIONS, ...DEADLINE_SCHEDULE_ACTIONS, 'iam:PassRole']) {
          expect(actions.has(action), `${fn.node.path} ${action}`).toBe(true);
        }
      }
    });

    it('lets the authorizer only read single items from the table', () => {
      // Act
      const actions = actionsOf(statementsOfRole(template, logicalIdOf(stack.authorizer.role)));
      // Assert
      const nonLogging = [...actions].filter((action) => !action.startsWith('logs:') && !XRAY_ACTIONS.has(action));
      expect(nonLogging).toEqual(['dynamodb:GetItem']);
    });

    it('lets GET routes only read, other routes, jobs, one-time targets and the effects function read and write; only effect runners send e-mail', () => {
      // Act / Assert
      for (const route of ROUTES) {
        const actions = actionsOf(statementsOfRole(template, logicalIdOf(stack.routeFunctions.get(route.name)!.role)));
        expect(actions.has('dynamodb:Query'), route.name).toBe(true);
        expect(actions.has('dynamodb:Scan'), route.name).toBe(false);
        const mayWrite = route.method !== 'GET';
        for (const action of WRITE_ACTIONS) expect(actions.has(action), `${route.name} ${action}`).toBe(mayWrite);
        for (const action of SES_ACTIONS) expect(actions.has(action), `${route.name} ${action}`).toBe(false);
      }
      for (const [name, job] of [...stack.jobFunctions, ...stack.oneTimeFunctions, [EFFECTS_FUNCTION.name, stack.effectsFunction] as const]) {
        const actions = actionsOf(statementsOfRole(template, logicalIdOf(job.role)));
        expect(actions.has('dynamodb:Scan'), name).toBe(false);
        for (const action of WRITE_ACTIONS) expect(actions.has(action), `${name} ${action}`).toBe(true);
        const runsEffects = job === stack.effectsFunction || EFFECT_RUNNERS.includes(name) || REPORT_JOBS.includes(name);
        for (const action of SES_ACTIONS) expect(actions.has(action), `${name} ${action}`).toBe(runsEffects);
      }
    });

    it('grants table access on the table and its declared indexes by name', () => {
      // Arrange
      const job = [...stack.jobFunctions.values(), ...stack.routeFunctions.values()][0]!;
      // Act
      const statement = statementsOfRole(template, logicalIdOf(job.role)).find((candidate) =>
        asArray(candidate.Action).includes('dynamodb:Query'),
      );
      // Assert
      const resources = JSON.stringify(statement?.Resource);
      for (const index of TABLE_INDEXES) expect(resources).toContain(`/index/${index.name}"`);
      expect(asArray(statement?.Resource)).toHaveLength(TABLE_INDEXES.length + 1);
    });
  });
});

describe('StatelessStack with a protected route', () => {
  const routes: RouteDefinition[] = [
    { method: 'GET', path: '/v1/open', name: 'get-open', entry: 'functions/http/get-health.ts', access: 'public', description: 'open' },
    {
      method: 'POST',
      path: '/v1/things/{id}',
      name: 'post-thing',
      entry: 'functions/http/get-health.ts',
      access: ['ucc_admin'],
      description: 'guarded',
    },
  ];
  let stack: StatelessStack;
  let template: Template;

  beforeAll(() => {
    // Arrange
    const app = shapeOnlyApp();
    const stateful = new StatefulStack(app, 'S', { env: { region: 'eu-central-1' } });
    stack = new StatelessStack(app, 'L', { env: { region: 'eu-central-1' }, table: stateful.table, routes, schedules: [] });
    // Act
    template = deployedTemplate(stack);
  });

  it('creates a cached REQUEST authorizer with simple responses on the Authorization header', () => {
    // Assert
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerResultTtlInSeconds: 60,
      AuthorizerUri: Match.objectLike({
        'Fn::Join': Match.arrayWith([Match.arrayWith([{ 'Fn::GetAtt': [logicalIdOf(stack.authorizer.fn), 'Arn'] }])]),
      }),
    });
  });

  it('guards the protected route and leaves the public one open', () => {
    // Act
    const byKey = new Map(routeResources(template).map((route) => [route.key, route.properties]));
    // Assert
    expect(byKey.get('POST /v1/things/{id}')).toMatchObject({ AuthorizationType: 'CUSTOM' });
    expect(byKey.get('POST /v1/things/{id}')?.AuthorizerId).toEqual({ Ref: expect.any(String) });
    expect(byKey.get('GET /v1/open')).toMatchObject({ AuthorizationType: 'NONE' });
  });

  it('lets API Gateway invoke the authorizer', () => {
    // Assert
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalIdOf(stack.authorizer.fn), 'Arn'] },
    });
  });

  it('creates no schedule when the schedule table is empty', () => {
    // Assert
    template.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });
});

describe('StatelessStack route stacks, as routes are added', () => {
  const build = (routes: readonly RouteDefinition[]) => {
    const app = shapeOnlyApp();
    const stateful = new StatefulStack(app, 'S', { env: { region: 'eu-central-1' } });
    return new StatelessStack(app, 'L', { env: { region: 'eu-central-1' }, table: stateful.table, routes, schedules: [] });
  };
  const added = (method: RouteDefinition['method'], path: string, name: string): RouteDefinition => ({
    method,
    path,
    name,
    entry: 'functions/http/get-health.ts',
    access: ['ucc_admin'],
    description: name,
  });

  it('leaves every existing route, and its logical ids, in its stack when routes join an area or start one, anywhere in the table', () => {
    // Arrange
    const before = build(ROUTES);
    const inNewArea = added('GET', '/v1/probes/{id}', 'get-probe');
    const inOldArea = added('POST', '/v1/acceptances/{id}/probe', 'post-acceptance-probe');
    // Act
    const after = build([inNewArea, ...ROUTES.slice(0, 7), inOldArea, ...ROUTES.slice(7)]);
    // Assert
    for (const route of ROUTES) {
      const [was, is] = [before, after].map((stack) => stack.routeFunctions.get(route.name)!);
      expect(is!.node.path, route.name).toBe(was!.node.path);
      expect(logicalIdOf(is!.fn), route.name).toBe(logicalIdOf(was!.fn));
      expect(logicalIdOf(is!.role), route.name).toBe(logicalIdOf(was!.role));
    }
    for (const [area, nested] of before.routeStacks) {
      expect(logicalIdOf(after.routeStacks.get(area)!.nestedStackResource!), area).toBe(logicalIdOf(nested.nestedStackResource!));
    }
    expect([...after.routeStacks.keys()].filter((area) => !before.routeStacks.has(area))).toEqual(['probes']);
    expect(Stack.of(after.routeFunctions.get(inOldArea.name)!.fn)).toBe(after.routeStacks.get('acceptances'));
  });
});

describe('StatelessStack one-time targets', () => {
  const build = (oneTimeTargets: { name: string; entry: string; description: string }[]) => {
    const app = shapeOnlyApp();
    const stateful = new StatefulStack(app, 'S', { env: { region: 'eu-central-1' } });
    return new StatelessStack(app, 'L', { env: { region: 'eu-central-1' }, table: stateful.table, routes: [], schedules: [], oneTimeTargets });
  };

  it('refuses a target list without fire-deadline, the target the app schedules', () => {
    // Act
    const act = () => build([{ name: 'other', entry: 'functions/jobs/fire-deadline.ts', description: 'other' }]);
    // Assert
    expect(act).toThrow(/fire-deadline/);
  });

  it('lets the scheduler role invoke every one-time target and points SCHEDULER_TARGET_ARN at fire-deadline', () => {
    // Arrange
    const stack = build([
      { name: 'fire-deadline', entry: 'functions/jobs/fire-deadline.ts', description: 'deadline' },
      { name: 'other', entry: 'functions/jobs/fire-deadline.ts', description: 'other' },
    ]);
    const template = Template.fromStack(stack);
    // Act
    const invoke = statementsOfRole(template, logicalIdOf(stack.deadlineSchedulerRole)).find(
      (statement) => statement.Action === 'lambda:InvokeFunction',
    );
    // Assert
    expect(asArray(invoke?.Resource).map(flattenReference).sort()).toEqual([
      'arn:aws:lambda:eu-central-1:<AWS::AccountId>:function:L-fire-deadline',
      'arn:aws:lambda:eu-central-1:<AWS::AccountId>:function:L-other',
    ]);
    const effectsVariables = template.toJSON().Resources[logicalIdOf(stack.effectsFunction.fn)].Properties.Environment.Variables;
    expect(flattenReference(effectsVariables.SCHEDULER_TARGET_ARN)).toBe('arn:aws:lambda:eu-central-1:<AWS::AccountId>:function:L-fire-deadline');
    // The one-time targets only write the table: they create no schedule and get no scheduler variable.
    for (const fn of stack.oneTimeFunctions.values()) {
      const variables = template.toJSON().Resources[logicalIdOf(fn.fn)].Properties.Environment.Variables;
      expect(variables).not.toHaveProperty('SCHEDULER_TARGET_ARN');
    }
  });
});
