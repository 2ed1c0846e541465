import { httpRoute } from '#http/middleware/http-route.ts';
import { listResponsiblePersons } from '#domain/directory/list-responsible-persons.ts';
import { directoryPorts } from '#adapters/composition.ts';
import { bodyIdParams } from './params.ts';

/** GET /v1/bodies/{id}/responsible-persons: the current person and history, body-wide and per service. */
export const handler = httpRoute({ route: 'get-responsible-persons', params: bodyIdParams }, async ({ params, principal }) => ({
  status: 200,
  body: await listResponsiblePersons(params.id, principal, directoryPorts),
}));
