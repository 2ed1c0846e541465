import { httpRoute } from '#http/middleware/http-route.ts';
import { getBody } from '#domain/directory/manage-bodies.ts';
import { dynamoBodyStore } from '#adapters/body-store.ts';
import { dynamoResponsiblePersonStore } from '#adapters/responsible-person-store.ts';
import { bodyIdParams } from './params.ts';

/** GET /v1/bodies/{id}/responsible-persons: the current person and history, body-wide and per service. */
export const handler = httpRoute({ route: 'get-responsible-persons', params: bodyIdParams }, async ({ params, principal }) => {
  await getBody(params.id, principal, { bodies: dynamoBodyStore });
  const assignments = await dynamoResponsiblePersonStore.listForBody(params.id);
  const bodyWide = assignments.find((assignment) => assignment.scope === 'body');
  return {
    status: 200,
    body: {
      bodyId: params.id,
      current: bodyWide?.current ?? null,
      history: bodyWide?.history ?? [],
      notices: bodyWide?.notices ?? [],
      services: assignments
        .filter((assignment) => assignment.scope !== 'body')
        .map(({ serviceCode, current, history, notices }) => ({ serviceCode, current, history, notices })),
    },
  };
});
