import { httpRoute } from '#http/middleware/http-route.ts';
import { appointResponsiblePerson } from '#domain/directory/appoint-responsible-person.ts';
import { appointResponsiblePersonSchema } from '#domain/directory/responsible-person.ts';
import { directoryPorts } from '#adapters/composition.ts';
import { bodyIdParams } from './params.ts';

/** POST /v1/bodies/{id}/responsible-persons: appoint (§5) or replace (§7, notice checked). */
export const handler = httpRoute(
  { route: 'post-responsible-person', params: bodyIdParams, body: appointResponsiblePersonSchema },
  async ({ params, body, principal }) => {
    const assignment = await appointResponsiblePerson(params.id, body, principal, directoryPorts);
    const { appliedEvents: _applied, ...shown } = assignment;
    return { status: 201, body: shown };
  },
);
