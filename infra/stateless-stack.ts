import { CfnOutput, CfnParameter, Duration, Fn, Stack, TimeZone, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ROUTES, routeKey, type RouteDefinition } from '#http/routes.ts';
import { SCHEDULES, SCHEDULE_TIME_ZONE, scheduleExpression, type ScheduleDefinition } from '#jobs/schedules.ts';
import { AppFunction, appVersion } from './bundling.ts';
import { TABLE_INDEXES } from './table-definition.ts';

/** The EventBridge Scheduler group of the recurring jobs and of the one-time deadline schedules. */
export const SCHEDULE_GROUP_NAME = 'ucc-interop';
/** The Lambda REQUEST authorizer's module (functions/http/authorize.ts). */
export const AUTHORIZER_ENTRY = 'functions/http/authorize.ts';
/** Stage-wide throttling of the HTTP API (requests per second, burst). */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

const HTTP_TIMEOUT = Duration.seconds(10);
const JOB_TIMEOUT = Duration.seconds(30);

/** Least-privilege DynamoDB action sets. No Scan: no request path or job scans the table (DESIGN.md). */
const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const SES_SEND_ACTIONS = ['ses:SendEmail', 'ses:SendRawEmail'];

export type TableAccess = 'get-item' | 'read' | 'read-write';

/** What a route's function may do with the table: GET routes only read. */
export const tableAccessOf = (route: Pick<RouteDefinition, 'method'>): TableAccess =>
  route.method === 'GET' ? 'read' : 'read-write';

export interface StatelessStackProps extends StackProps {
  readonly table: dynamodb.ITable;
  /** The route table; default ROUTES (functions/http/routes.ts). Tests may pass their own. */
  readonly routes?: readonly RouteDefinition[];
  /** The schedule table; default SCHEDULES (functions/jobs/schedules.ts). */
  readonly schedules?: readonly ScheduleDefinition[];
}

/**
 * Everything that can be redeployed at will: the HTTP API (one function per route of
 * functions/http/routes.ts, guarded by the API-key authorizer), the scheduled jobs (one function
 * and one EventBridge Scheduler schedule per entry of functions/jobs/schedules.ts) and SES.
 */
export class StatelessStack extends Stack {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly authorizer: AppFunction;
  readonly routeFunctions = new Map<string, AppFunction>();
  readonly jobFunctions = new Map<string, AppFunction>();
  readonly scheduleGroup: scheduler.ScheduleGroup;
  readonly schedulerDlq: sqs.Queue;
  readonly configurationSet: ses.ConfigurationSet;

  private readonly table: dynamodb.ITable;
  private readonly sesResources: string[];

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.table = props.table;

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
    this.schedulerDlq = new sqs.Queue(this, 'SchedulerDlq', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.schedulerDlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the EventBridge Scheduler targets; a DLQ of a DLQ adds nothing.',
    });

    const baseEnvironment: Record<string, string> = {
      TABLE_NAME: this.table.tableName,
      APP_VERSION: appVersion(),
      MAIL_FROM: mailFrom.valueAsString,
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
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

    for (const route of props.routes ?? ROUTES) {
      const fn = new AppFunction(http, route.name, {
        entry: route.entry,
        description: `${routeKey(route)}: ${route.description}`,
        timeout: HTTP_TIMEOUT,
        environment: baseEnvironment,
      });
      const access = tableAccessOf(route);
      this.grantTable(fn, access);
      if (access === 'read-write') this.grantSendEmail(fn);
      const [apiRoute] = this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.name}-integration`, fn.fn),
        ...(route.access === 'public' ? {} : { authorizer }),
      });
      if (route.access === 'public' && apiRoute !== undefined) {
        Validations.of(apiRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            `${routeKey(route)} is declared access: 'public' in functions/http/routes.ts, the reviewed route ` +
            'permission table: it is meant to be called without an API key.',
        });
      }
      this.routeFunctions.set(route.name, fn);
    }

    // ---- Scheduled jobs -------------------------------------------------------------------
    const jobs = new Construct(this, 'Jobs');
    for (const schedule of props.schedules ?? SCHEDULES) {
      const fn = new AppFunction(jobs, schedule.name, {
        entry: schedule.entry,
        description: `Scheduled job ${schedule.name}: ${schedule.description}`,
        timeout: JOB_TIMEOUT,
        environment: { ...baseEnvironment, SCHEDULER_DLQ_ARN: this.schedulerDlq.queueArn },
      });
      this.grantTable(fn, 'read-write');
      this.grantSendEmail(fn);
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

    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'SchedulerDlqArn', { value: this.schedulerDlq.queueArn, description: 'DLQ of all schedules' });
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

  private grantSendEmail(target: AppFunction): void {
    target.role.addToPolicy(new iam.PolicyStatement({ actions: SES_SEND_ACTIONS, resources: this.sesResources }));
  }
}

/** schedules.ts names the zone (Asia/Almaty, i.e. TimeZone.ASIA_ALMATY); the construct wants a TimeZone. */
function scheduleTimeZone(): TimeZone {
  return SCHEDULE_TIME_ZONE === TimeZone.ASIA_ALMATY.timezoneName ? TimeZone.ASIA_ALMATY : TimeZone.of(SCHEDULE_TIME_ZONE);
}
