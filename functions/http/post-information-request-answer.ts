import { answerSchema } from '#domain/requests/information-request.ts';
import { informationResponseHandler } from './information-request-response.ts';

/** POST /v1/information-requests/{id}/answer (§11; an oral or telephone answer, §11.2, logged by channel). */
export const handler = informationResponseHandler('answer', answerSchema);
