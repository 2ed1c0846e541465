import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Body } from '#domain/directory/body.ts';
import { stageEventId, type StageEvent } from '#domain/stages/service-stage.ts';
import type { ServiceStageStore } from '#domain/stages/service-stage-port.ts';
import { stageEventKey, type NewApplication } from '#domain/stages/stage-events.ts';
import { toBody } from './body-store.ts';
import { batchGetItems, batchWriteItems, dynamo, tableName } from './dynamo.ts';
import { STAGE_EVENTS_PREFIX, applicationKey, applicationPartition, bodyKey, isApplicationItem, isBodyItem, stageEventKey as stageEventTableKey } from './table-keys.ts';
import { withoutStorageFields } from './versioned-item.ts';

/**
 * §16 stage events. One partition per application (key layouts in table-keys.ts):
 * - applicationKey: the application, with the service code it was first recorded with;
 * - stageEventKey, by stageEventId: one item per event. The sort key orders
 *   the events as the domain does (instant, then the stage's place), so the latest `limit`
 *   are one Query read backwards, and the current stage is the first of them.
 *
 * An item per event, rather than one item per application holding its history: events are
 * written with BatchWriteItem (25 a call, no read-modify-write, no version to race on), two
 * pushes for one application at once never lose one another's events, and no application
 * nears the 400 KB item limit (the look-up bounds what it reads instead: HISTORY_LIMIT).
 * The event's key is its identity, so a repeat that slips past the intake read (two callers
 * sending the same new event at the same moment) lands on the same item.
 */
const stageEventItemKey = (bodyId: string, event: Pick<StageEvent, 'applicationNumber' | 'occurredAt' | 'stage'>) =>
  stageEventTableKey(bodyId, event.applicationNumber, stageEventId(event));

/** The stored item of an event (also what the bench loads straight into the table). */
export const stageEventItem = (event: StageEvent) => ({ ...stageEventItemKey(event.bodyId, event), entity: 'ServiceStageEvent', ...event });
export const applicationItem = (application: NewApplication) => ({
  ...applicationKey(application.bodyId, application.applicationNumber),
  entity: 'ServiceApplication',
  ...application,
});

const toEvent = (item: Record<string, unknown>): StageEvent => withoutStorageFields(item) as unknown as StageEvent;

export const dynamoServiceStageStore: ServiceStageStore = {
  async readIntake(bodyId, applicationNumbers, events) {
    const items = await batchGetItems([
      bodyKey(bodyId),
      ...applicationNumbers.map((number) => applicationKey(bodyId, number)),
      ...events.map((event) => stageEventItemKey(bodyId, event)),
    ]);
    let body: Body | undefined;
    const applications = new Map<string, string>();
    const stored = new Map<string, StageEvent>();
    for (const item of items) {
      if (isBodyItem(item)) body = toBody(item);
      else if (isApplicationItem(item)) applications.set(String(item.applicationNumber), String(item.serviceCode));
      else {
        const event = toEvent(item);
        stored.set(stageEventKey(event), event);
      }
    }
    return { body, applications, events: stored };
  },

  async write(events, applications) {
    await batchWriteItems([...applications.map(applicationItem), ...events.map(stageEventItem)]);
  },

  async history(bodyId, applicationNumber, limit) {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :stage)',
        ExpressionAttributeValues: { ':pk': applicationPartition(bodyId, applicationNumber), ':stage': STAGE_EVENTS_PREFIX },
        ScanIndexForward: false,
        // One more than shown: whether older events exist, within the same read.
        Limit: limit + 1,
        ConsistentRead: true,
      }),
    );
    const items = page.Items ?? [];
    return { events: items.slice(0, limit).map(toEvent), more: items.length > limit || page.LastEvaluatedKey !== undefined };
  },
};
