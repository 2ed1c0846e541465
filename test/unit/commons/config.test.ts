import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '#commons/config.ts';

describe('parseConfig', () => {
  it('reads a minimal environment with defaults', () => {
    const config = parseConfig({ TABLE_NAME: 'ucc-interop' });
    expect(config).toMatchObject({ TABLE_NAME: 'ucc-interop', SCHEDULE_GROUP: 'ucc-interop', LOCAL_STACK: 'false', MAX_BODY_BYTES: 1024 * 1024 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('fails fast naming every bad variable', () => {
    let error: unknown;
    try {
      parseConfig({ DYNAMODB_ENDPOINT: 'not a url', MAIL_FROM: 'nobody', MAX_BODY_BYTES: '-1' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['TABLE_NAME', 'DYNAMODB_ENDPOINT', 'MAIL_FROM', 'MAX_BODY_BYTES']) expect(message).toContain(name);
  });

  it('takes endpoint overrides only as URLs', () => {
    const config = parseConfig({ TABLE_NAME: 'ucc', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', SES_ENDPOINT: 'http://127.0.0.1:8005' });
    expect(config.DYNAMODB_ENDPOINT).toBe('http://127.0.0.1:8000');
    expect(config.SES_ENDPOINT).toBe('http://127.0.0.1:8005');
  });
});
