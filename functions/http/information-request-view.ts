import * as z from 'zod';
import type { InformationRequest } from '#domain/requests/information-request.ts';

/** What the API shows of a request: no idempotency bookkeeping; the open deadline and what can happen next. */
export function informationRequestView(request: InformationRequest) {
  const { appliedKeys: _keys, ...shown } = request;
  return {
    ...shown,
    dueAt: request.deadlines.find((deadline) => deadline.key === 'answerInformationRequest')?.dueAt,
    allowedActions: (request.status === 'open' ? ['answer', 'refusal'] : []) satisfies ('answer' | 'refusal')[],
  };
}

export const informationRequestIdParams = z.object({ id: z.string().regex(/^req-\d{12}-[0-9a-f]{32}$/, 'must be an information request id') });
