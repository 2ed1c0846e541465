import type { Suite } from '../lib/types.ts';
import { acceptancesSuite } from './acceptances.ts';
import { bundlesSuite } from './bundles.ts';
import { deadlinesSuite } from './deadlines.ts';
import { sweepSuite } from './sweep.ts';
import { healthSuite } from './health.ts';

/** Every suite, in the order `npm run bench` runs them. Add new suites here. */
export const SUITES: readonly Suite[] = [healthSuite, acceptancesSuite, bundlesSuite, deadlinesSuite, sweepSuite];
