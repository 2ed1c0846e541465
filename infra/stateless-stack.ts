import {
  ArnFormat,
  CfnOutput,
  CfnParameter,
  Duration,
  Fn,
  Size,
  NestedStack,
  Stack,
  TimeZone,
  Token,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EFFECTS_FUNCTION, PENDING_WORK_ATTRIBUTE } from '#effects/stream-consumer.ts';
import {
  CONFIGURATION_SET_TAG,
  CONFIRM_SENT_ATTRIBUTES,
  MAIL_SENT_DETAIL_TYPE,
  MAIL_SENT_FUNCTION,
  MAIL_SENT_SOURCE,
} from '#effects/mail-sent-event.ts';
import { AUTHORIZER_ENTRY, METHOD_NOT_ALLOWED_ENTRY, ROUTES, routeKey, type RouteDefinition } from '#http/routes.ts';
import {
  FIRE_DEADLINE_JOB,
  ONE_TIME_TARGETS,
  SCHEDULES,
  SCHEDULE_TIME_ZONE,
  scheduleExpression,
  type OneTimeTarget,
  type ScheduleDefinition,
} from '#jobs/schedules.ts';
import { mailKey } from '#adapters/table-keys.ts';
import { AppFunction, appVersion, type AppFunctionProps } from './bundling.ts';
import { DOCUMENTS_BUCKET_NAME, DOCUMENTS_NAG_ID, DOCUMENTS_OBJECTS_ARN, TABLE_INDEXES } from './table-definition.ts';

/** The EventBridge Scheduler group of the recurring jobs and of the one-time deadline schedules. */
export const SCHEDULE_GROUP_NAME = 'ucc-interop';
/** Stage-wide throttling of the HTTP API (requests per second, burst). */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * The one-time target the app's deadline schedules invoke (functions/adapters/deadline-scheduler.ts
 * sends `{ job: FIRE_DEADLINE_JOB, deadlineId }` to SCHEDULER_TARGET_ARN).
 */
export const DEADLINE_TARGET_NAME = FIRE_DEADLINE_JOB;
/** Every deadline schedule is named `dl-<40 hex>` (scheduleNameOf in deadline-scheduler.ts). */
export const DEADLINE_SCHEDULE_PREFIX = 'dl-';
/** What the effects keep of deadline schedules: create, move (on conflict), delete. */
export const DEADLINE_SCHEDULE_ACTIONS = ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'];
/**
 * The jobs of SCHEDULES that run the effects code themselves (the re-drive backstop of the
 * effects function, functions/jobs/redrive-outbox.ts): besides the effects function, the only
 * functions that may send e-mail and manage deadline schedules.
 */
export const EFFECT_RUNNERS: readonly string[] = ['redrive-outbox'];
/**
 * The report jobs (functions/jobs/monthly-report.ts, quarterly-report.ts; §18, §13–§14): table
 * writers that also store the report files (`documents/reports/*`) and e-mail each report, once
 * per period by their own claim item, to its authority. No scheduler or IAM permission.
 */
export const REPORT_JOBS: readonly string[] = ['monthly-report', 'quarterly-report'];
/** The routes that generate a report (as the report jobs do). */
export const REPORT_RENDERING_ROUTES: readonly string[] = ['post-report'];
/**
 * /tmp of the functions that generate reports (issue 15 §6): a month's rows are spooled there and
 * its files written there before they go to S3 (functions/adapters/file-scratch.ts, report-files.ts).
 * A month of 100k complaints makes ~115 MiB of files (npm run bench -- reports prints their
 * sizes), its spools less than that again: 2 GiB leaves room for several times such a month.
 */
export const REPORT_SCRATCH = Size.gibibytes(2);
/** The scheduler environment of the functions that run effects (functions/commons/config.ts). */
export const DEADLINE_SCHEDULING_ENV = ['SCHEDULER_TARGET_ARN', 'SCHEDULER_ROLE_ARN', 'SCHEDULER_DLQ_ARN', 'SCHEDULE_GROUP'] as const;
/**
 * The ARN of the deadline schedules, in pseudo parameters so that it (and the cdk-nag finding it
 * raises) is the same whatever account and region the stack is deployed to.
 */
export const DEADLINE_SCHEDULES_ARN =
  `arn:\${AWS::Partition}:scheduler:\${AWS::Region}:\${AWS::AccountId}:schedule/${SCHEDULE_GROUP_NAME}/${DEADLINE_SCHEDULE_PREFIX}*`;
/** cdk-nag's id of the one wildcard the effect runners' roles carry (see DEADLINE_SCHEDULES_ARN). */
export const DEADLINE_SCHEDULES_NAG_ID =
  `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${SCHEDULE_GROUP_NAME}/${DEADLINE_SCHEDULE_PREFIX}*]`;

const HTTP_TIMEOUT = Duration.seconds(10);
const JOB_TIMEOUT = Duration.seconds(30);
/** How long a failed stream batch is kept in the effects failure queue (the SQS maximum). */
export const EFFECTS_FAILURE_RETENTION = Duration.days(14);

/** Least-privilege DynamoDB action sets. No Scan: no request path or job scans the table (docs/design.md "Storage"). */
const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const SES_SEND_ACTIONS = ['ses:SendEmail', 'ses:SendRawEmail'];


export const DOCUMENT_ACTIONS = {
  read: ['s3:GetObject'],
  write: ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging'],
  effects: ['s3:GetObject', 's3:PutObjectTagging'],
} as const satisfies Record<string, readonly string[]>;

export type TableAccess = 'get-item' | 'read' | 'read-write';

/** What a route's function may do with the table: GET routes only read. */
export const tableAccessOf = (route: Pick<RouteDefinition, 'method'>): TableAccess =>
  route.method === 'GET' ? 'read' : 'read-write';

/** The construct id of an area's nested stack of routes: `Routes-<area>`. */
export const ROUTE_STACK_PREFIX = 'Routes-';
/** The area of the paths that have no segment after the version prefix (e.g. `/v1`, `/`). */
export const ROOT_AREA = 'root';

/**
 * The area of a route, which names the nested stack that holds it: the path's first segment after
 * the version prefix (`/v1/acceptances/{id}/return` → `acceptances`), or ROOT_AREA.
 *
 * Grouping by a route's own path, not by its position in the table or a count, keeps every
 * existing route where it is when routes are added anywhere in the table: a new route joins its
 * area's stack, or a new area gets a new stack (one resource more in this stack). An area holds
 * 6 resources a route, so a nested stack reaches CloudFormation's 500 at about 80 routes under one
 * `/v1/<area>`; the largest area has about a dozen today, and test/infra/stateless-stack.test.ts keeps
 * every stack 40 routes (or areas) away from the limit.
 */
export function routeArea(path: string): string {
  const segments = path.split('/').filter((segment) => segment.length > 0);
  const first = /^v\d+$/.test(segments[0] ?? '') ? segments[1] : segments[0];
  if (first === undefined || first.startsWith('{')) return ROOT_AREA;
  return first.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

export interface StatelessStackProps extends StackProps {
  /**
   * The table, with its stream: `tableStreamArn` must be set (the StatefulStack's concrete Table
   * has it), the effects function's event source mapping reads it.
   */
  readonly table: dynamodb.ITable;
  /** The route table; default ROUTES (functions/http/routes.ts). Tests may pass their own. */
  readonly routes?: readonly RouteDefinition[];
  /** The schedule table; default SCHEDULES (functions/jobs/schedules.ts). */
  readonly schedules?: readonly ScheduleDefinition[];
  /** Targets of the app's one-time schedules; default ONE_TIME_TARGETS. Must hold DEADLINE_TARGET_NAME. */
  readonly oneTimeTargets?: readonly OneTimeTarget[];
}

/**
 * A queue where undeliverable work ends (a dead-letter queue, an on-failure destination):
 * encrypted, TLS only, kept for `retention`; `why` tells cdk-nag why it has no DLQ of its own.
 */
function failureQueue(scope: Construct, id: string, retention: Duration, why: string): sqs.Queue {
  const queue = new sqs.Queue(scope, id, { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: retention });
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: why });
  return queue;
}

/**
 * Everything that can be redeployed at will: the HTTP API (one function per route of
 * functions/http/routes.ts, guarded by the API-key authorizer; the route functions and their
 * routes in one nested stack per area, routeStacks), the scheduled jobs (one function
 * and one EventBridge Scheduler schedule per entry of functions/jobs/schedules.ts), the targets of
 * the one-time deadline schedules the app creates at run time (ONE_TIME_TARGETS), SES, and the
 * effects function fed by the table's stream (EFFECTS_FUNCTION).
 *
 * Side effects leave the request path: non-GET routes, jobs and one-time targets only write the
 * table (marking pending work); the effects function finishes that work from the stream (audit
 * copies, projections, deadline schedules, e-mail). Only the effect runners (the effects function
 * and the EFFECT_RUNNERS jobs, its re-drive backstop) get the scheduler environment, may send
 * e-mail, manage `dl-*` schedules and pass the deadline scheduler role.
 */
export class StatelessStack extends Stack {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly authorizer: AppFunction;
  readonly routeFunctions = new Map<string, AppFunction>();
  /**
   * The nested stacks holding the route functions, integrations, routes and invoke permissions,
   * by area (routeArea of the path): one per area, in the order of the route table.
   */
  readonly routeStacks = new Map<string, NestedStack>();
  /** The log group every HTTP route function writes to. */
  readonly httpLogGroup: logs.LogGroup;
  /** The $default route: 405 with Allow for a method a known path does not answer, else 404. */
  readonly methodNotAllowedFunction: AppFunction;
  readonly jobFunctions = new Map<string, AppFunction>();
  /** One function per ONE_TIME_TARGETS entry, invoked only by the app's one-time schedules. */
  readonly oneTimeFunctions = new Map<string, AppFunction>();
  /** The role EventBridge Scheduler assumes to run the one-time deadline schedules. */
  readonly deadlineSchedulerRole: iam.Role;
  /** SCHEDULER_TARGET_ARN: the fire-deadline function's ARN, built from its fixed name (no reference). */
  readonly deadlineTargetArn: string;
  /** Every function that writes to the table (routes, jobs, one-time targets, effects), by `<Http|Jobs|OneTime|Effects>/<name>`. */
  readonly writerFunctions = new Map<string, AppFunction>();
  /** The writers that run effects (SES, deadline schedules): the effects function and the EFFECT_RUNNERS jobs. */
  readonly effectRunners = new Map<string, AppFunction>();
  /** The effects function (EFFECTS_FUNCTION), fed by the table's stream. */
  readonly effectsFunction: AppFunction;
  /** Where the stream's event source mapping sends the batches the effects function gave up on. */
  readonly effectsFailureQueue: sqs.Queue;
  /** In alarm as soon as the effects failure queue holds a message. */
  readonly effectsFailureAlarm: cloudwatch.Alarm;
  readonly scheduleGroup: scheduler.ScheduleGroup;
  readonly schedulerDlq: sqs.Queue;
  readonly configurationSet: ses.ConfigurationSet;
  /** The function SES's Email Sent events reach (MAIL_SENT_FUNCTION): it marks the mail ledger sent. */
  readonly mailSentFunction: AppFunction;
  /** The rule on the default event bus taking the configuration set's Email Sent events to it. */
  readonly mailSentRule: events.Rule;
  /** Where the rule puts the events it could not deliver. */
  readonly mailSentFailureQueue: sqs.Queue;

  private readonly table: dynamodb.ITable;
  private readonly sesResources: string[];
  private readonly baseEnvironment: Record<string, string>;
  private readonly effectsEnvironment: Record<string, string>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.table = props.table;
    if (this.table.tableStreamArn === undefined) {
      throw new Error(`The table ${this.table.node.path} has no stream: the effects function reads it (StatefulStack)`);
    }

    // ---- SES -------------------------------------------------------------------------------
    const mailFrom = new CfnParameter(this, 'MailFrom', {
      type: 'String',
      description: 'Sender address of all e-mail (a verified SES identity: the address or its domain)',
      allowedPattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
      constraintDescription: 'must be an e-mail address',
    });
    const configurationSetName = new CfnParameter(this, 'SesConfigurationSetName', {
      type: 'String',
      description: 'Name of the SES configuration set this stack creates for the app',
      default: 'ucc-interop',
      allowedPattern: '^[a-zA-Z0-9_-]{1,64}$',
    });
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: configurationSetName.valueAsString,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const identityArn = (identity: string) =>
      this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity });
    this.sesResources = [
      identityArn(mailFrom.valueAsString),
      // SES authorizes against the domain identity when the domain, not the address, is verified.
      identityArn(Fn.select(1, Fn.split('@', mailFrom.valueAsString))),
      this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
    ];

    // ---- Scheduler group and DLQ (also used by the app's one-time deadline schedules) -------
    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'ScheduleGroup', { scheduleGroupName: SCHEDULE_GROUP_NAME });
    this.schedulerDlq = failureQueue(this, 'SchedulerDlq', Duration.days(14),
      'This queue is itself the dead-letter queue of the EventBridge Scheduler targets; a DLQ of a DLQ adds nothing.',
    );

    this.baseEnvironment = {
      TABLE_NAME: this.table.tableName,
      // The StatefulStack's documents bucket, by its fixed name (no cross-stack reference).
      DOCUMENTS_BUCKET: Fn.sub(DOCUMENTS_BUCKET_NAME),
      APP_VERSION: appVersion(),
      MAIL_FROM: mailFrom.valueAsString,
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
    };
    const baseEnvironment = this.baseEnvironment;

    // ---- One-time deadline schedules: their target(s) and the role Scheduler runs them with --
    // The target's ARN is built from a fixed function name, not from the function: the role that
    // invokes it and the effect runners' environment name it without a reference to it.
    const oneTimeTargets = props.oneTimeTargets ?? ONE_TIME_TARGETS;
    const oneTimeNames = new Map(oneTimeTargets.map((target) => [target.name, this.oneTimeFunctionName(target)]));
    const deadlineTargetName = oneTimeNames.get(DEADLINE_TARGET_NAME);
    if (deadlineTargetName === undefined) {
      throw new Error(`The one-time targets must include '${DEADLINE_TARGET_NAME}' (functions/jobs/schedules.ts ONE_TIME_TARGETS)`);
    }
    const functionArn = (functionName: string) =>
      this.formatArn({ service: 'lambda', resource: 'function', resourceName: functionName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.deadlineTargetArn = functionArn(deadlineTargetName);

    const oneTime = new Construct(this, 'OneTime');
    this.deadlineSchedulerRole = new iam.Role(oneTime, 'DeadlineSchedulerRole', {
      description: 'EventBridge Scheduler role of the one-time deadline schedules (invokes the one-time targets)',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnEquals: { 'aws:SourceArn': this.scheduleGroup.scheduleGroupArn },
        },
      }),
    });
    this.deadlineSchedulerRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [...oneTimeNames.values()].map(functionArn) }),
    );
    this.deadlineSchedulerRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.schedulerDlq.queueArn] }),
    );

    this.effectsEnvironment = {
      ...baseEnvironment,
      SCHEDULER_TARGET_ARN: this.deadlineTargetArn,
      SCHEDULER_ROLE_ARN: this.deadlineSchedulerRole.roleArn,
      SCHEDULER_DLQ_ARN: this.schedulerDlq.queueArn,
      SCHEDULE_GROUP: SCHEDULE_GROUP_NAME,
    };

    // ---- HTTP API ---------------------------------------------------------------------------
    const http = new Construct(this, 'Http');
    this.authorizer = new AppFunction(http, 'authorize', {
      entry: AUTHORIZER_ENTRY,
      description: 'HTTP API Lambda REQUEST authorizer (API keys)',
      timeout: HTTP_TIMEOUT,
      environment: baseEnvironment,
    });
    this.grantTable(this.authorizer, 'get-item');
    const authorizer = new HttpLambdaAuthorizer('ApiKeyAuthorizer', this.authorizer.fn, {
      authorizerName: 'api-key',
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      resultsCacheTtl: Duration.seconds(60),
    });

    this.api = new apigw.HttpApi(this, 'HttpApi', {
      apiName: 'ucc-interop',
      description: 'UCC Interop HTTP API',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...API_THROTTLE },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // No personal data: ids, route, status and timings only.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            clientId: '$context.authorizer.clientId',
          }),
        ),
      },
    });

    // One log group for every route function (each log line names its function and route): a
    // group each would cost a resource per route, and a stack holds at most 500.
    this.httpLogGroup = new logs.LogGroup(http, 'RouteLogs', { retention: logs.RetentionDays.ONE_MONTH });
    // Each route costs six resources (function, role, policy, integration, route, invoke
    // permission), so the routes live in nested stacks, one per area (routeArea): the API, its
    // stage, the authorizer and the log group stay here and reach them as nested-stack parameters.
    for (const route of props.routes ?? ROUTES) {
      const routes = this.routeStackOf(http, routeArea(route.path));
      const functionProps = {
        entry: route.entry,
        description: `${routeKey(route)}: ${route.description}`,
        timeout: HTTP_TIMEOUT,
        logGroup: this.httpLogGroup,
        ...(REPORT_RENDERING_ROUTES.includes(route.name) ? { ephemeralStorageSize: REPORT_SCRATCH } : {}),
      };
      const fn =
        tableAccessOf(route) === 'read-write'
          ? this.tableWriter(routes, route.name, functionProps, `${http.node.id}/${route.name}`)
          : new AppFunction(routes, route.name, { ...functionProps, environment: baseEnvironment });
      if (tableAccessOf(route) === 'read') this.grantTable(fn, 'read');
      if (route.documents !== undefined) this.grantDocuments(fn, route.documents);
      // In the nested stack (HttpApi.addRoutes would put the route, its integration and the
      // permission under the API, in this stack); the authorizer binds under the API wherever its route is.
      const apiRoute = new apigw.HttpRoute(routes, `${route.name}-route`, {
        httpApi: this.api,
        routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${route.name}-integration`, fn.fn),
        ...(route.access === 'public' ? {} : { authorizer }),
      });
      if (route.access === 'public') {
        Validations.of(apiRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            `${routeKey(route)} is declared access: 'public' in functions/http/routes.ts, the reviewed route ` +
            'permission table: it is meant to be called without an API key.',
        });
      }
      this.routeFunctions.set(route.name, fn);
    }
    // Whatever no route takes ($default): 405 with Allow on a known path, 404 elsewhere. One
    // route, not ANY per path: a stack holds at most 500 resources.
    this.methodNotAllowedFunction = new AppFunction(http, 'method-not-allowed', {
      entry: METHOD_NOT_ALLOWED_ENTRY,
      description: '$default: 405 with Allow for a method a known path does not answer, else 404',
      timeout: HTTP_TIMEOUT,
      environment: baseEnvironment,
      logGroup: this.httpLogGroup,
    });
    new apigw.HttpRoute(http, 'default-route', {
      httpApi: this.api,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('method-not-allowed-integration', this.methodNotAllowedFunction.fn),
      authorizer,
    });

    // ---- Scheduled jobs -------------------------------------------------------------------
    const jobs = new Construct(this, 'Jobs');
    for (const schedule of props.schedules ?? SCHEDULES) {
      const jobProps = {
        entry: schedule.entry,
        description: `Scheduled job ${schedule.name}: ${schedule.description}`,
        timeout: JOB_TIMEOUT,
      };
      const fn = EFFECT_RUNNERS.includes(schedule.name)
        ? this.effectRunner(jobs, schedule.name, jobProps)
        : REPORT_JOBS.includes(schedule.name)
          ? this.reportJob(jobs, schedule.name, { ...jobProps, ephemeralStorageSize: REPORT_SCRATCH })
          : this.tableWriter(jobs, schedule.name, jobProps);
      this.jobFunctions.set(schedule.name, fn);

      // The role is built here, least privilege (this one function, the DLQ), and handed to the
      // target without policy updates so the target cannot widen it (grantInvoke adds `:*`).
      const role = new iam.Role(jobs, `${schedule.name}-scheduler-role`, {
        description: `EventBridge Scheduler role invoking ${schedule.name}`,
        assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
          conditions: {
            StringEquals: { 'aws:SourceAccount': this.account },
            ArnEquals: { 'aws:SourceArn': this.scheduleGroup.scheduleGroupArn },
          },
        }),
      });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.fn.functionArn] }));
      role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.schedulerDlq.queueArn] }));

      new scheduler.Schedule(jobs, `${schedule.name}-schedule`, {
        description: schedule.description.slice(0, 512),
        scheduleGroup: this.scheduleGroup,
        schedule: scheduler.ScheduleExpression.expression(scheduleExpression(schedule), scheduleTimeZone()),
        target: new targets.LambdaInvoke(fn.fn, {
          role: role.withoutPolicyUpdates(),
          input: scheduler.ScheduleTargetInput.fromObject({
            job: schedule.name,
            scheduledTime: scheduler.ContextAttribute.scheduledTime,
          }),
          deadLetterQueue: this.schedulerDlq,
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
        }),
      });
    }

    // ---- One-time targets (invoked by the schedules the app creates; see deadlineSchedulerRole) --
    for (const target of oneTimeTargets) {
      const fn = this.tableWriter(oneTime, target.name, {
        entry: target.entry,
        description: `One-time schedule target ${target.name}: ${target.description}`,
        timeout: JOB_TIMEOUT,
        functionName: oneTimeNames.get(target.name)!,
      });
      this.oneTimeFunctions.set(target.name, fn);
    }

    // ---- Effects: one function fed by the table's stream -----------------------------------------
    const effects = new Construct(this, 'Effects');
    this.effectsFunction = this.effectRunner(effects, EFFECTS_FUNCTION.name, {
      entry: EFFECTS_FUNCTION.entry,
      description: EFFECTS_FUNCTION.description,
      timeout: Duration.seconds(EFFECTS_FUNCTION.timeoutSeconds),
      additionalWildcardReason:
        'Its DynamoDB stream event source adds dynamodb:ListStreams, which supports no resource-level permissions either ' +
        '(Lambda checks it when it creates the mapping); a test asserts it is on this role only.',
    });
    this.effectsFailureQueue = failureQueue(effects, 'FailureQueue', EFFECTS_FAILURE_RETENTION,
      "This queue is itself the on-failure destination of the effects function's stream mapping (a record of each " +
        'batch given up on); a DLQ of it adds nothing, the redrive-outbox job finishes the work from the pending index.',
    );
    this.effectsFunction.fn.addEventSource(
      new DynamoEventSource(this.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: EFFECTS_FUNCTION.batchSize,
        maxBatchingWindow: Duration.seconds(EFFECTS_FUNCTION.maxBatchingWindowSeconds),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: EFFECTS_FUNCTION.retryAttempts,
        // Only items written with pending work: the rest of the table's writes never invoke it.
        filters: [
          lambda.FilterCriteria.filter({
            dynamodb: { NewImage: { [PENDING_WORK_ATTRIBUTE]: { S: lambda.FilterRule.exists() } } },
          }),
        ],
        onFailure: new SqsDlq(this.effectsFailureQueue),
      }),
    );
    this.effectsFailureAlarm = new cloudwatch.Alarm(effects, 'FailureAlarm', {
      alarmDescription:
        'The effects function gave up on stream records (they are in the effects failure queue); ' +
        'the redrive-outbox job finishes their pending work, look into why they failed.',
      metric: this.effectsFailureQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // ---- SES Email Sent events → the mail ledger (issue 17 §3: no e-mail sent twice) ----------
    // The configuration set publishes each send to the default event bus (the only bus SES
    // publishes to); the rule hands the sends of this set to the mail-sent function, which marks
    // the ledger sent by the message id the mailer tagged it with. A sender killed after SES took
    // the message then finds it sent when its lease runs out, instead of sending it again.
    const defaultBus = events.EventBus.fromEventBusName(effects, 'DefaultEventBus', 'default');
    this.configurationSet.addEventDestination('SendEvents', {
      destination: ses.EventDestination.eventBus(defaultBus),
      events: [ses.EmailSendingEvent.SEND],
    });
    this.mailSentFunction = new AppFunction(effects, MAIL_SENT_FUNCTION.name, {
      entry: MAIL_SENT_FUNCTION.entry,
      description: MAIL_SENT_FUNCTION.description,
      timeout: Duration.seconds(MAIL_SENT_FUNCTION.timeoutSeconds),
      environment: baseEnvironment,
    });
    // Least privilege: UpdateItem on ledger items only, and only the attributes confirmSent writes.
    this.mailSentFunction.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [this.table.tableArn],
        conditions: {
          // The ledger's partition keys, from the one module of key layouts (`<prefix><messageId>`).
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${mailKey('').pk}*`] },
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...CONFIRM_SENT_ATTRIBUTES] },
        },
      }),
    );
    this.mailSentFailureQueue = failureQueue(effects, 'MailSentFailureQueue', EFFECTS_FAILURE_RETENTION,
      "This queue is itself the dead-letter queue of the Email Sent rule's target (a record of each event not delivered); " +
        'a DLQ of it adds nothing: the ledger claim falls back to its lease.',
    );
    this.mailSentRule = new events.Rule(effects, 'MailSentRule', {
      description: "SES Email Sent events of the app's configuration set, to the mail-sent function (marks the mail ledger sent)",
      eventPattern: {
        source: [MAIL_SENT_SOURCE],
        detailType: [MAIL_SENT_DETAIL_TYPE],
        detail: { mail: { tags: { [CONFIGURATION_SET_TAG]: [this.configurationSet.configurationSetName] } } },
      },
      targets: [
        new eventTargets.LambdaFunction(this.mailSentFunction.fn, {
          deadLetterQueue: this.mailSentFailureQueue,
          retryAttempts: 8,
          // Past the 5-minute lease a late mark no longer stops the re-drive; kept for the record.
          maxEventAge: Duration.hours(1),
        }),
      ],
    });

    new CfnOutput(this, 'EffectsFailureQueueUrl', {
      value: this.effectsFailureQueue.queueUrl,
      description: 'Stream batches the effects function gave up on',
    });
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'SchedulerDlqArn', { value: this.schedulerDlq.queueArn, description: 'DLQ of all schedules' });
  }

  /**
   * A function that writes to the table: read-write table access and the base environment, no
   * side effect. Listed in writerFunctions under `key` (a route's is `Http/<name>`, whatever nested stack holds it).
   */
  private tableWriter(
    scope: Construct,
    id: string,
    props: Omit<AppFunctionProps, 'environment'>,
    key = `${scope.node.id}/${id}`,
  ): AppFunction {
    const fn = new AppFunction(scope, id, { ...props, environment: this.baseEnvironment });
    this.grantTable(fn, 'read-write');
    this.writerFunctions.set(key, fn);
    return fn;
  }

  /** The nested stack of an area's routes, created with the area's first route. */
  private routeStackOf(http: Construct, area: string): NestedStack {
    const existing = this.routeStacks.get(area);
    if (existing !== undefined) return existing;
    const routes = new NestedStack(http, `${ROUTE_STACK_PREFIX}${area}`, {
      description: `UCC Interop: HTTP routes of the area '${area}' (functions, roles, integrations, routes, permissions)`,
    });
    this.routeStacks.set(area, routes);
    return routes;
  }

  /**
   * A function that runs effects (the effects function, the EFFECT_RUNNERS jobs): a table writer
   * that may also send e-mail and keep deadline schedules (the scheduler environment, `dl-*`
   * schedules in the app's group, passing the deadline scheduler role to Scheduler only).
   */
  private effectRunner(scope: Construct, id: string, props: Omit<AppFunctionProps, 'environment'>): AppFunction {
    const fn = new AppFunction(scope, id, { ...props, environment: this.effectsEnvironment });
    this.grantTable(fn, 'read-write');
    this.grantSendEmail(fn);
    // Attachments of the e-mail they send, links to those too large to attach; documents kept.
    this.grantDocuments(fn, 'effects');
    fn.role.addToPolicy(
      new iam.PolicyStatement({ actions: DEADLINE_SCHEDULE_ACTIONS, resources: [Fn.sub(DEADLINE_SCHEDULES_ARN)] }),
    );
    fn.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.deadlineSchedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    Validations.of(fn.role).acknowledge({
      id: DEADLINE_SCHEDULES_NAG_ID,
      reason:
        'Deadline schedules are created at run time, one per monitored deadline, named dl-<40 hex of the deadline id> ' +
        '(scheduleNameOf, functions/adapters/deadline-scheduler.ts): no name is known at deploy time. The wildcard is ' +
        `confined to that prefix in the app's own group (${SCHEDULE_GROUP_NAME}) and to Create/Update/DeleteSchedule.`,
    });
    const key = `${scope.node.id}/${id}`;
    this.writerFunctions.set(key, fn);
    this.effectRunners.set(key, fn);
    return fn;
  }

  /** The fixed physical name of a one-time target's function: `<stack name>-<target name>`. */
  private oneTimeFunctionName(target: OneTimeTarget): string {
    const name = `${this.stackName}-${target.name}`;
    if (Token.isUnresolved(name) || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
      throw new Error(`One-time target function name '${name}' is not a valid Lambda function name (64 of [a-zA-Z0-9_-])`);
    }
    return name;
  }

  /** Table permissions on the table and its declared indexes only (no `index/*` wildcard). */
  private grantTable(target: AppFunction, access: TableAccess): void {
    if (access === 'get-item') {
      target.role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [this.table.tableArn] }));
      return;
    }
    const actions = access === 'read' ? TABLE_READ_ACTIONS : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS];
    const resources = [this.table.tableArn, ...TABLE_INDEXES.map((index) => `${this.table.tableArn}/index/${index.name}`)];
    target.role.addToPolicy(new iam.PolicyStatement({ actions, resources }));
  }

  /**
   * Only the objects under `documents/`, only the actions each needs: readers GetObject; writers
   * also PutObject and PutObjectTagging (a new upload is a draft; HeadObject needs GetObject);
   * effect runners GetObject (attachments) and PutObjectTagging (a committed record's documents are kept).
   */
  private grantDocuments(target: AppFunction, access: 'read' | 'write' | 'effects'): void {
    const actions = [...DOCUMENT_ACTIONS[access]];
    target.role.addToPolicy(new iam.PolicyStatement({ actions, resources: [Fn.sub(DOCUMENTS_OBJECTS_ARN)] }));
    Validations.of(target.role).acknowledge({
      id: DOCUMENTS_NAG_ID,
      reason:
        'Documents are content-addressed objects documents/<sha256> (functions/adapters/document-store.ts), named at run time by ' +
        `their bytes: the wildcard is the prefix of the one bucket, with ${actions.join(', ')} only.`,
    });
  }

  /** A report job: a table writer that stores report files and sends the report (REPORT_JOBS). */
  private reportJob(scope: Construct, id: string, props: Omit<AppFunctionProps, 'environment'>): AppFunction {
    const fn = this.tableWriter(scope, id, props);
    this.grantSendEmail(fn);
    this.grantDocuments(fn, 'write');
    return fn;
  }

  private grantSendEmail(target: AppFunction): void {
    target.role.addToPolicy(new iam.PolicyStatement({ actions: SES_SEND_ACTIONS, resources: this.sesResources }));
  }
}

/** schedules.ts names the zone (Asia/Almaty, i.e. TimeZone.ASIA_ALMATY); the construct wants a TimeZone. */
function scheduleTimeZone(): TimeZone {
  return SCHEDULE_TIME_ZONE === TimeZone.ASIA_ALMATY.timezoneName ? TimeZone.ASIA_ALMATY : TimeZone.of(SCHEDULE_TIME_ZONE);
}
