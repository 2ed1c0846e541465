import * as z from 'zod';

/**
 * The one place that reads the environment. Parsed once, validated with zod, and a missing or
 * malformed variable fails the cold start with a message naming it. Endpoint overrides (the
 * local DynamoDB, SES and Scheduler servers) exist only here.
 */
const optionalUrl = z.url().optional();

const configSchema = z.object({
  TABLE_NAME: z.string().min(3).max(255),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  APP_VERSION: z.string().min(1).default('0.0.0-dev'),
  MAIL_FROM: z.email().default('no-reply@ucc-interop.local'),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  DYNAMODB_ENDPOINT: optionalUrl,
  SES_ENDPOINT: optionalUrl,
  SCHEDULER_ENDPOINT: optionalUrl,
  /** The signed documents and attachments, by SHA-256 (issue 13: not inside table items). */
  DOCUMENTS_BUCKET: z.string().min(3).max(63).default('ucc-interop-documents'),
  S3_ENDPOINT: optionalUrl,
  SCHEDULE_GROUP: z.string().min(1).default('ucc-interop'),
  SCHEDULER_TARGET_ARN: z.string().min(1).optional(),
  SCHEDULER_ROLE_ARN: z.string().min(1).optional(),
  SCHEDULER_DLQ_ARN: z.string().min(1).optional(),
  MAX_BODY_BYTES: z.coerce.number().int().positive().max(6 * 1024 * 1024).default(1024 * 1024),
  /** 'true' only in the local stack: enables the settable clock. */
  LOCAL_STACK: z.enum(['true', 'false']).default('false'),
});

export type Config = Readonly<z.infer<typeof configSchema>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  return Object.freeze(result.data);
}

let cached: Config | undefined;

/** The configuration of this process, read from process.env on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
