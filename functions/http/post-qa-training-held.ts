import { trainingHeldSchema } from '#domain/authority/authority-cases.ts';
import { trainingStepHandler } from './qa-training-step.ts';

/** POST /v1/qa-trainings/{id}/held (the training took place; met or missed by the day it was held, §19). */
export const handler = trainingStepHandler('held', trainingHeldSchema);
