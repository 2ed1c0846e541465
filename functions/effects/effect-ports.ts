import type { ComplianceViolation, RecordedFact } from '#domain/directory/compliance.ts';
import type { KnowledgeBaseEntry } from '#domain/information/knowledge-base.ts';
import type { DomainEvent, OutboxMessage } from '#domain/ports.ts';

/**
 * Ports only the effects take (EffectPorts in effect.ts); the adapters implement them
 * (adapters/pending-work.ts, mail-ledger.ts, read-models.ts) and effects-composition.ts hands
 * them over.
 */

/** The key of a stored item. */
export interface ItemKey {
  pk: string;
  sk: string;
}

/** The work a committed write left to do: its events and messages, marked in the pending index. */
export interface PendingFields {
  pendingEvents?: DomainEvent[];
  outbox?: OutboxMessage[];
  pendingPk?: string;
  pendingSk?: string;
}

/** A stored item that carries pending work, at the version whose work it is. */
export interface PendingItem extends ItemKey, PendingFields {
  version: number;
}

/** Port: the pending marks of committed writes (read, listed, cleared once finished). */
export interface PendingWork {
  /** Clears the marks of a finished item (only its finished part if a newer write carried it on); true when nothing is left. */
  clear(item: PendingItem): Promise<boolean>;
  /** The current items of many keys (strongly consistent); those no longer pending are left out. */
  readMany(keys: readonly ItemKey[]): Promise<PendingItem[]>;
  /** Keys of items marked pending since before `before` (ISO instant), oldest first; one page. */
  listKeys(
    before: string,
    options?: { limit?: number | undefined; startKey?: Record<string, unknown> | undefined },
  ): Promise<{ keys: ItemKey[]; startKey: Record<string, unknown> | undefined }>;
  /** The kind of item a partition key names (its prefix): what a log says instead of the key. */
  kindOf(pk: unknown): string | undefined;
}

export type Claim = 'claimed' | 'already-sent' | 'leased';

/** Port: the mail ledger, one record per message id, so a message is sent at most once. */
export interface MailLedger {
  /** A lease on the send; 'already-sent' when sent or rejected, 'leased' while another sender holds it. */
  claim(message: OutboxMessage, now: Date): Promise<Claim>;
  markSent(messageId: string, providerMessageId: string, at: Date): Promise<void>;
  markRejected(messageId: string, reason: string, at: Date): Promise<void>;
  /** Gives a claim back after a failed send, so the retry need not wait for the lease. */
  release(messageId: string): Promise<void>;
  /**
   * SES reported the send (its Email Sent event): a message still `sending` is marked `sent`, so
   * no claim after its lease sends it again. True when this marked it; false when the ledger had
   * its outcome already (sent, rejected) or holds no such message — never a downgrade.
   */
  confirmSent(messageId: string, providerMessageId: string, at: Date): Promise<boolean>;
}

/** Port: the read models the effects project, each written once (true when written, false when there already). */
export interface ReadModels {
  recordViolation(violation: ComplianceViolation): Promise<boolean>;
  recordFact(fact: RecordedFact): Promise<boolean>;
  recordKnowledgeBaseEntry(entry: KnowledgeBaseEntry): Promise<boolean>;
}
