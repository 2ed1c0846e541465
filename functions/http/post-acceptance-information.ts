import { informationSchema } from '#domain/acceptance/acceptance.ts';
import { acceptanceDocumentPorts } from '#adapters/documents-composition.ts';
import { acceptanceStepHandler } from './acceptance-step.ts';

/** POST /v1/acceptances/{id}/information (the body, §5): the Appendix form signed by the head; documents up to 2 MiB. */
export const handler = acceptanceStepHandler('information', informationSchema, 4 * 1024 * 1024, acceptanceDocumentPorts);
