import type { Clock } from '#domain/ports.ts';

/**
 * Demo data for the local stack, written only where it is missing so a restart keeps edits.
 * Each feature adds its seeder here.
 */
type Seeder = (clock: Clock) => Promise<void>;

const SEEDERS: Seeder[] = [];

export async function seedDemoData(clock: Clock): Promise<void> {
  for (const seeder of SEEDERS) await seeder(clock);
}
