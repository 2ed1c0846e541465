import { refusalSchema } from '#domain/requests/information-request.ts';
import { informationResponseHandler } from './information-request-response.ts';

/** POST /v1/information-requests/{id}/refusal (§11.1 grounds lawful; every refusal counts towards §12). */
export const handler = informationResponseHandler('refusal', refusalSchema);
