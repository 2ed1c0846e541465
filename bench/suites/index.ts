import type { Suite } from '../lib/types.ts';
import { acceptancesSuite } from './acceptances.ts';
import { appealsSuite } from './appeals.ts';
import { bundlesSuite } from './bundles.ts';
import { calendarSuite } from './calendar.ts';
import { deadlinesSuite } from './deadlines.ts';
import { sweepSuite } from './sweep.ts';
import { healthSuite } from './health.ts';
import { listsSuite } from './lists.ts';
import { peakHourSuite } from './peak-hour.ts';
import { stagesSuite } from './stages.ts';

/**
 * Every suite, in the order `npm run bench` runs them (also when some are named). Add new suites
 * here. `calendar` runs before the suites that leave open deadlines behind (acceptances, sweep):
 * its recount pages through every open deadline due after the changed day.
 */
export const SUITES: readonly Suite[] = [healthSuite, calendarSuite, acceptancesSuite, bundlesSuite, deadlinesSuite, sweepSuite, listsSuite, stagesSuite, appealsSuite, peakHourSuite];
