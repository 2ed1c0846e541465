import { describe, expect, it } from 'vitest';
import { ConditionalCheckFailedException, InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { isTransientDependencyError } from '#commons/transient.ts';

/** Which dependency errors answer 503 with Retry-After (issue 17 §6) rather than 500 or a 4xx. */
describe('isTransientDependencyError', () => {
  it('takes throttling, service faults and dropped connections as transient', () => {
    // Arrange
    const errors = [
      new ProvisionedThroughputExceededException({ message: 'x', $metadata: {} }),
      new InternalServerError({ message: 'x', $metadata: { httpStatusCode: 500 } }),
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      Object.assign(new Error('busy'), { name: 'SomeNewThrottle', $metadata: { httpStatusCode: 429 } }),
      Object.assign(new Error('x'), { name: 'TimeoutError' }),
    ];
    // Act, assert
    expect(errors.map(isTransientDependencyError)).toEqual([true, true, true, true, true]);
  });

  it('leaves a refused condition, a programming error and a non-error to their own answers', () => {
    const errors = [new ConditionalCheckFailedException({ message: 'x', $metadata: { httpStatusCode: 400 } }), new TypeError('x is undefined'), 'text', null];
    expect(errors.map(isTransientDependencyError)).toEqual([false, false, false, false]);
  });
});
