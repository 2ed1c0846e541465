import { logger } from '#commons/logger.ts';
import {
  CONFIGURATION_SET_TAG,
  MAIL_SENT_DETAIL_TYPE,
  MAIL_SENT_SOURCE,
  MESSAGE_ID_HEADER,
  MESSAGE_ID_TAG,
  type MailSentEvent,
} from '#effects/mail-sent-event.ts';
import { pollControl } from './poll-control.ts';

/**
 * The configuration set's EventBridge destination, emulated: the SES emulator keeps each e-mail
 * it took with its headers (not its tags), so every stored e-mail carrying X-UCC-Message-Id is
 * turned into the "Email Sent" event SES would publish and handed to the same handler the rule
 * invokes in AWS. It polls the emulator's store (GET /store?since=<epoch s>) every ~100 ms; a
 * restart reads the whole store again, so a send the last run's crash caught is marked before
 * the effects feeder re-drives anything (catchUp, called by the local stack before it starts).
 */
export type MailSentHandler = (event: MailSentEvent) => Promise<unknown>;

export interface SentEventsPoller {
  /** True while events are in the handler. */
  busy(): boolean;
  /** One pass over the store now (the start-up catch-up); resolves once its events were handled. */
  catchUp(): Promise<void>;
  /** Tests: hold the poller with the effects feeder (a pass under way finishes), then let it go on. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** An e-mail as the emulator (aws-ses-v2-local 2.10) stores it: `at` in epoch seconds. */
interface StoredEmail {
  messageId: string;
  from?: string;
  destination?: { to?: string[]; cc?: string[]; bcc?: string[] };
  headers?: { name: string; value: string }[];
  at: number;
}

/** The EventBridge event SES publishes for the send of a stored e-mail (the fields the handler reads, and a few more). */
export function sentEventOf(email: StoredEmail, configurationSet = 'local'): MailSentEvent | undefined {
  const header = email.headers?.find((candidate) => candidate.name.toLowerCase() === MESSAGE_ID_HEADER.toLowerCase());
  if (header === undefined) return undefined;
  const timestamp = new Date(email.at * 1000).toISOString();
  return {
    source: MAIL_SENT_SOURCE,
    'detail-type': MAIL_SENT_DETAIL_TYPE,
    time: timestamp,
    detail: {
      eventType: 'Send',
      mail: {
        timestamp,
        messageId: email.messageId,
        // As SES reports it: its own tag naming the configuration set, and ours.
        tags: { [CONFIGURATION_SET_TAG]: [configurationSet], [MESSAGE_ID_TAG]: [header.value] },
        headers: (email.headers ?? []).map(({ name, value }) => ({ name, value })),
      },
    },
  };
}

export function startSentEventsPoller(options: { sesEndpoint: string; handler: MailSentHandler; intervalMs?: number }): SentEventsPoller {
  const intervalMs = options.intervalMs ?? 100;
  const control = pollControl();
  /**
   * The store is read from `since` (epoch seconds, inclusive); `handled` holds the emulator ids
   * handled at or after it. The emulator stamps an e-mail with the second it saves it in, so
   * once a pass fetched in second S, nothing stamped before S - 1 can still appear: `since`
   * moves up to it, and the passes read the last seconds only, not every e-mail again.
   */
  let since = 0;
  const handled = new Map<string, number>();
  let pass: Promise<void> | undefined;

  const poll = async (): Promise<void> => {
    const fetchedIn = Math.floor(Date.now() / 1000);
    const response = await fetch(`${options.sesEndpoint}/store?since=${since}`);
    if (!response.ok) throw new Error(`SES emulator store: HTTP ${response.status}`);
    const { emails } = (await response.json()) as { emails: StoredEmail[] };
    for (const email of emails) {
      if (control.stopped) return;
      if (handled.has(email.messageId)) continue;
      const event = sentEventOf(email);
      if (event !== undefined) await control.run(() => options.handler(event));
      handled.set(email.messageId, email.at);
    }
    since = Math.max(since, fetchedIn - 1);
    for (const [id, at] of handled) if (at < since) handled.delete(id);
  };
  /** One pass at a time: the loop's and a catch-up share it. */
  const onePass = (): Promise<void> => {
    pass ??= poll().finally(() => {
      pass = undefined;
    });
    return pass;
  };

  const loop = (async () => {
    let backoffMs = intervalMs;
    while (await control.ready(intervalMs)) {
      try {
        await onePass();
        backoffMs = intervalMs;
      } catch (error) {
        if (control.stopped) break;
        // A handler failure (the store throttled) or the emulator away: the same e-mails again, later.
        logger.warn('local SES sent-events poller: a pass failed', { error: (error as Error).name });
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
      await control.idle(backoffMs);
    }
  })();

  return {
    busy: () => control.busy() || pass !== undefined,
    catchUp: onePass,
    pause: control.pause,
    resume: control.resume,
    async stop() {
      control.stop();
      control.nudge();
      await loop;
    },
  };
}
