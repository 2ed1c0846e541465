import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarStore, StoredCalendarYear } from '#domain/calendar/calendar-port.ts';
import type { CalendarYear } from '#domain/calendar/calendar-year.ts';
import { ConcurrentUpdateError } from '#domain/errors.ts';
import type { DomainEvent } from '#domain/ports.ts';
import { dynamo, tableName } from './dynamo.ts';
import { CALENDAR_YEAR_PREFIX, calendarPartition, calendarYearKey } from './table-keys.ts';
import { commitNew, commitNext, withoutStorageFields } from './versioned-item.ts';

/** Calendar years: one item per year in the country's partition (table-keys.ts), so a whole calendar is one Query. */
export const toStoredCalendarYear = (item: object): StoredCalendarYear => {
  const { country, year, entries, version, updatedAt, updatedBy } = withoutStorageFields(item as Record<string, unknown>) as unknown as StoredCalendarYear;
  return { country, year, entries, version, source: 'stored', ...(updatedAt ? { updatedAt } : {}), ...(updatedBy ? { updatedBy } : {}) };
};

export const dynamoCalendarStore: CalendarStore = {
  async listStoredYears(country) {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        // Strongly consistent: the recalculation right after a PUT must see the new year.
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :year)',
        ExpressionAttributeValues: { ':pk': calendarPartition(country), ':year': CALENDAR_YEAR_PREFIX },
      }),
    );
    return (page.Items ?? []).map(toStoredCalendarYear);
  },

  async getStoredYear(country, year) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: calendarYearKey(country, year), ConsistentRead: true }));
    return Item === undefined ? undefined : toStoredCalendarYear(Item);
  },

  async replaceYear(calendar: CalendarYear, expectedVersion: number, event: DomainEvent) {
    const write = {
      key: calendarYearKey(calendar.country, calendar.year),
      state: { entity: 'CalendarYear', ...calendar, updatedAt: event.at, updatedBy: event.actor },
      events: [event],
      at: event.at,
    };
    if (expectedVersion > 0) return toStoredCalendarYear(await commitNext({ ...write, expectedVersion }));
    if (!(await commitNew(write))) throw new ConcurrentUpdateError(`Calendar ${calendar.year} was published concurrently; retry`);
    return toStoredCalendarYear({ ...write.state, version: 1 });
  },
};
