import { describe, expect, it } from 'vitest';
import { INDEX_ATTRIBUTES, STORAGE_ATTRIBUTES, withoutStorageFields } from '#adapters/versioned-item.ts';
import { TABLE_ATTRIBUTES, TABLE_INDEXES, TABLE_KEYS } from '#infra/table-definition.ts';

describe('withoutStorageFields', () => {
  it('knows every key attribute the table definition declares, so a new index never leaks into a response', () => {
    // Assert
    expect([...INDEX_ATTRIBUTES].sort()).toEqual(TABLE_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]).sort());
    expect(TABLE_ATTRIBUTES.filter((name) => !STORAGE_ATTRIBUTES.has(name))).toEqual([]);
    expect(STORAGE_ATTRIBUTES.has(TABLE_KEYS.partitionKey) && STORAGE_ATTRIBUTES.has(TABLE_KEYS.sortKey)).toBe(true);
  });

  it('keeps the record and drops keys, index keys, pending work and the entity tag', () => {
    // Arrange
    const item = {
      pk: 'ACCEPTANCE#a', sk: 'ACCEPTANCE', entity: 'Acceptance', gsi3pk: 'x', gsi3sk: 'y', duePk: 'd', dueSk: 'e',
      pendingPk: 'p', pendingSk: 'q', pendingEvents: [], outbox: [], id: 'a', status: 'requested', version: 2,
    };
    // Act
    const view = withoutStorageFields(item);
    // Assert
    expect(view).toEqual({ id: 'a', status: 'requested', version: 2 });
  });
});
