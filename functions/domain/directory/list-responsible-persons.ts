import type { Principal } from '#domain/access/roles.ts';
import type { BodyStore } from './body-port.ts';
import { getBody } from './manage-bodies.ts';
import type { ResponsiblePersonStore } from './responsible-person-port.ts';

type Assignment = Awaited<ReturnType<ResponsiblePersonStore['listForBody']>>[number];

/** A body's assignments as one view: the body-wide person with its history, then one entry per service. */
export function responsiblePersonsOf(bodyId: string, assignments: readonly Assignment[]) {
  const bodyWide = assignments.find((assignment) => assignment.scope === 'body');
  return {
    bodyId,
    current: bodyWide?.current ?? null,
    history: bodyWide?.history ?? [],
    notices: bodyWide?.notices ?? [],
    services: assignments
      .filter((assignment) => assignment.scope !== 'body')
      .map(({ serviceCode, current, history, notices }) => ({ serviceCode, current, history, notices })),
  };
}

/** The current responsible person and history of a body (§5, §7), body-wide and per service. */
export async function listResponsiblePersons(
  bodyId: string,
  principal: Principal,
  ports: { bodies: BodyStore; persons: Pick<ResponsiblePersonStore, 'listForBody'> },
) {
  await getBody(bodyId, principal, ports);
  return responsiblePersonsOf(bodyId, await ports.persons.listForBody(bodyId));
}
