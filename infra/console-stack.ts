import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { CONSOLE_BASE_PATH } from './console-build.ts';
import { CONSOLE_SECURITY_HEADERS } from './local/console-files.ts';

export interface ConsoleStackProps extends StackProps {
  /** The HTTP API's endpoint (https://<id>.execute-api.<region>.amazonaws.com): /v1/* goes there, same origin as the console. */
  readonly apiEndpoint: string;
  /** The built console (infra/console-build.ts: vite build into console/dist). */
  readonly assetDir: string;
}

/**
 * The viewer-request function: `/` goes to the console, a directory path gets its index.html
 * (S3 has no directory index behind an origin access control).
 */
const VIEWER_REQUEST_CODE = `function handler(event) {
  var request = event.request;
  if (request.uri === '/' || request.uri === '/console') {
    return { statusCode: 308, statusDescription: 'Permanent Redirect', headers: { location: { value: '${CONSOLE_BASE_PATH}' } } };
  }
  if (request.uri.endsWith('/')) request.uri += 'index.html';
  return request;
}`;

/**
 * The UCC operators' console in AWS: the built files in a private S3 bucket read by CloudFront
 * through an origin access control, under the same security headers as the local stack's
 * /console/; the API behind the same distribution at /v1/*, so the console calls its own origin
 * (no CORS, the key in the Authorization header only, nothing cached).
 */
export class ConsoleStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: ConsoleStackProps) {
    super(scope, id, props);

    const logs = new s3.Bucket(this, 'Logs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the log bucket of the console bucket and distribution: logging it to itself would loop.' });

    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'console-bucket/',
    });

    const csp = CONSOLE_SECURITY_HEADERS['content-security-policy'] as string;
    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'UCC console: the same headers as the local stack (infra/local/console-files.ts)',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });

    // The API's answers are never cached (each is the caller's own); the Authorization header is
    // in the key only because CloudFront forwards it on GET only from the cache policy.
    const apiCachePolicy = new cloudfront.CachePolicy(this, 'ApiPassThrough', {
      comment: 'UCC API through the console distribution: Authorization forwarded, nothing kept (the API answers no-store)',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Authorization'),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    });
    const apiDomain = Fn.select(2, Fn.split('/', props.apiEndpoint));

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'UCC Interop operators console',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: securityHeaders,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [
          {
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            function: new cloudfront.Function(this, 'IndexRewrite', {
              code: cloudfront.FunctionCode.fromInline(VIEWER_REQUEST_CODE),
              runtime: cloudfront.FunctionRuntime.JS_2_0,
            }),
          },
        ],
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: new origins.HttpOrigin(apiDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: apiCachePolicy,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'distribution/',
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'Operators work from anywhere in Kazakhstan and abroad; access is by API key, not by country.' },
      { id: 'AwsSolutions-CFR2', reason: 'Static files and an API that authorizes every request with a key; a WAF web ACL is a deployment choice (regional pricing).' },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'The default *.cloudfront.net certificate cannot pin TLS 1.2 (its policy is fixed); a custom domain with its ACM certificate and TLSv1.2_2021 is a deployment choice.',
      },
    );

    // Hashed assets first, index.html last and uncached, so a viewer never sees an index naming missing assets.
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      sources: [s3deploy.Source.asset(props.assetDir)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: CONSOLE_BASE_PATH.slice(1),
      distribution: this.distribution,
      distributionPaths: [`${CONSOLE_BASE_PATH}*`],
      prune: true,
    });
    // The deployment's handler is CDK's own singleton function (one per stack), acknowledged there alone.
    const handler = this.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler === undefined || deployment.deployedBucket === undefined) throw new Error('BucketDeployment made no handler');
    const deploymentGrants = [
      'Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*',
      // The CDK assets bucket, as cdk-nag prints it with and without a known region (and partition).
      ...['<AWS::Partition>', 'aws'].flatMap((partition) =>
        ['<AWS::Region>', this.region].map((region) => `Resource::arn:${partition}:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${region}/*`),
      ),
      `Resource::<${this.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`,
      'Resource::*',
    ];
    Validations.of(handler).acknowledge(
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: "CDK's BucketDeployment handler runs with AWSLambdaBasicExecutionRole (its logs only)." },
      ...deploymentGrants.map((grant) => ({
        id: `AwsSolutions-IAM5[${grant}]`,
        reason: "CDK's BucketDeployment handler reads the console's asset, writes and prunes the console bucket's objects, and invalidates the distribution (CreateInvalidation takes no resource).",
      })),
      { id: 'AwsSolutions-L1', reason: "CDK's BucketDeployment handler runtime (Python) is chosen by aws-cdk-lib." },
    );

    new CfnOutput(this, 'ConsoleUrl', { value: `https://${this.distribution.distributionDomainName}${CONSOLE_BASE_PATH}`, description: 'The operators console' });
  }
}
