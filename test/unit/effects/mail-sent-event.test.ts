import { describe, expect, it } from 'vitest';
import {
  MESSAGE_ID_HEADER,
  MESSAGE_ID_TAG,
  decodeMessageId,
  encodeMessageId,
  messageIdMarks,
  reportedSendOf,
  type MailSentEvent,
} from '#effects/mail-sent-event.ts';
import { sentEventOf } from '#infra/local/ses-sent-events.ts';

/** A deadline notice's id: colons, dots and a `+` (ISO instants), none of which a tag value may hold. */
const DEADLINE_MESSAGE = 'dl-0123456789abcdef:moved:2026-10-07T18:00:00.000+05:00:from:2026-10-06T18:00:00.000+05:00:v2';

/** An "Email Sent" event as EventBridge delivers it (SES event publishing, the Send record). */
const sentEvent = (mail: NonNullable<NonNullable<MailSentEvent['detail']>['mail']>): MailSentEvent => ({
  source: 'aws.ses',
  'detail-type': 'Email Sent',
  time: '2026-12-04T02:00:01Z',
  detail: { eventType: 'Send', mail },
});

describe('encodeMessageId', () => {
  it('writes a message id in the tag alphabet ([A-Za-z0-9_-]) and reads it back', () => {
    // Act
    const value = encodeMessageId(DEADLINE_MESSAGE);
    // Assert
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeMessageId(value)).toBe(DEADLINE_MESSAGE);
  });

  it('reads nothing from a value it did not write', () => {
    expect(decodeMessageId(undefined)).toBeUndefined();
    expect(decodeMessageId('')).toBeUndefined();
    expect(decodeMessageId('not base64url!')).toBeUndefined();
    // Stray low bits: decodes, but is not what encodeMessageId writes for any id.
    expect(decodeMessageId('YR')).toBeUndefined();
  });
});

describe('messageIdMarks', () => {
  it('carries the id as the ucc-message-id tag and the X-UCC-Message-Id header', () => {
    // Act
    const marks = messageIdMarks(DEADLINE_MESSAGE);
    // Assert
    expect(marks.tags).toEqual([{ Name: MESSAGE_ID_TAG, Value: encodeMessageId(DEADLINE_MESSAGE) }]);
    expect(marks.headers).toEqual([{ Name: MESSAGE_ID_HEADER, Value: encodeMessageId(DEADLINE_MESSAGE) }]);
  });

  it('leaves the tag out when the encoded id exceeds 256 characters (the header still carries it)', () => {
    // Arrange: 193 bytes encode to 258 characters.
    const long = 'x'.repeat(193);
    // Act
    const marks = messageIdMarks(long);
    // Assert
    expect(encodeMessageId('x'.repeat(192))).toHaveLength(256);
    expect(messageIdMarks('x'.repeat(192)).tags).toHaveLength(1);
    expect(marks.tags).toEqual([]);
    expect(marks.headers).toHaveLength(1);
  });
});

describe('reportedSendOf', () => {
  it("reads our message id from the event's tag, SES's message id and the send's instant", () => {
    // Arrange
    const event = sentEvent({
      timestamp: '2026-12-04T02:00:00.512Z',
      messageId: '0100018c-ses',
      tags: { 'ses:configuration-set': ['ucc-interop'], [MESSAGE_ID_TAG]: [encodeMessageId(DEADLINE_MESSAGE)] },
    });
    // Act / Assert
    expect(reportedSendOf(event)).toEqual({ messageId: DEADLINE_MESSAGE, providerMessageId: '0100018c-ses', at: new Date('2026-12-04T02:00:00.512Z') });
  });

  it('falls back to the header (any case) when the send carried no tag, and to the event time without a mail timestamp', () => {
    // Arrange
    const event = sentEvent({ messageId: 'ses-2', headers: [{ name: 'x-ucc-message-id', value: encodeMessageId('acc-1:request:v1') }] });
    // Act / Assert
    expect(reportedSendOf(event)).toEqual({ messageId: 'acc-1:request:v1', providerMessageId: 'ses-2', at: new Date('2026-12-04T02:00:01Z') });
  });

  it('reads nothing from another event type, a mail without our id, or one without SES’s id', () => {
    // Arrange
    const tags = { [MESSAGE_ID_TAG]: [encodeMessageId('acc-1:request:v1')] };
    // Act / Assert
    expect(reportedSendOf({ ...sentEvent({ messageId: 'ses-3', tags }), 'detail-type': 'Email Delivered' })).toBeUndefined();
    expect(reportedSendOf({ ...sentEvent({ messageId: 'ses-3', tags }), source: 'aws.s3' })).toBeUndefined();
    expect(reportedSendOf({ ...sentEvent({ messageId: 'ses-3', tags }), detail: { eventType: 'Bounce', mail: { messageId: 'ses-3', tags } } })).toBeUndefined();
    expect(reportedSendOf(sentEvent({ messageId: 'ses-3', tags: { 'ses:configuration-set': ['ucc-interop'] } }))).toBeUndefined();
    expect(reportedSendOf(sentEvent({ tags }))).toBeUndefined();
    expect(reportedSendOf({})).toBeUndefined();
  });
});

describe('sentEventOf (the local stack’s emulated event destination)', () => {
  it('turns a stored e-mail carrying X-UCC-Message-Id into an event reportedSendOf reads alike', () => {
    // Arrange: as aws-ses-v2-local stores it, `at` in epoch seconds.
    const stored = { messageId: 'local-ses-1', at: 1_796_000_000, headers: [{ name: MESSAGE_ID_HEADER, value: encodeMessageId(DEADLINE_MESSAGE) }] };
    // Act
    const event = sentEventOf(stored);
    // Assert
    expect(reportedSendOf(event!)).toEqual({ messageId: DEADLINE_MESSAGE, providerMessageId: 'local-ses-1', at: new Date(1_796_000_000_000) });
    expect(event?.detail?.mail?.tags?.[MESSAGE_ID_TAG]).toEqual([encodeMessageId(DEADLINE_MESSAGE)]);
  });

  it('makes no event of an e-mail without it (a report job’s, sent outside the ledger)', () => {
    expect(sentEventOf({ messageId: 'local-ses-2', at: 1_796_000_000 })).toBeUndefined();
    expect(sentEventOf({ messageId: 'local-ses-3', at: 1_796_000_000, headers: [{ name: 'X-Other', value: 'a' }] })).toBeUndefined();
  });
});
