import { responsiblePersonStepSchema } from '#domain/acceptance/acceptance.ts';
import { acceptanceStepHandler } from './acceptance-step.ts';

/** POST /v1/acceptances/{id}/responsible-person (the body, §5): appoints the responsible person. */
export const handler = acceptanceStepHandler('responsible-person', responsiblePersonStepSchema);
