import type { Body } from '../directory/body.ts';
import type { StageEvent } from './service-stage.ts';
import type { NewApplication, StoredStageState } from './stage-events.ts';

/** Port: §16 stage events, one record per event, grouped by application. */
export interface ServiceStageStore {
  /**
   * In one batched read: the body, the service code of each named application, and those of the
   * named events (by stageEventKey) that are stored.
   */
  readIntake(bodyId: string, applicationNumbers: readonly string[], events: readonly Pick<StageEvent, 'applicationNumber' | 'occurredAt' | 'stage'>[]): Promise<StoredStageState & { body: Body | undefined }>;
  /** Writes the new events and applications (none of them stored before: the intake read said so). */
  write(events: readonly StageEvent[], applications: readonly NewApplication[]): Promise<void>;
  /** In one read: the latest `limit` events of an application (any order), and whether it has more. */
  history(bodyId: string, applicationNumber: string, limit: number): Promise<{ events: StageEvent[]; more: boolean }>;
}
