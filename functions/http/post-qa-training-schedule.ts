import { trainingScheduleSchema } from '#domain/authority/authority-cases.ts';
import { trainingStepHandler } from './qa-training-step.ts';

/** POST /v1/qa-trainings/{id}/schedule (the UCC sets a working day, §19). */
export const handler = trainingStepHandler('schedule', trainingScheduleSchema);
