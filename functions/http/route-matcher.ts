/** A route by its method (or ANY, which matches every method) and API Gateway path template. */
type Matchable = { method: string; path: string };

/** Matches request paths against API Gateway path templates (`/v1/bodies/{id}`, `{proxy+}`). */
export interface RouteMatch<R> {
  route: R;
  pathParameters: Record<string, string>;
}

interface CompiledRoute<R> {
  route: R;
  method: string;
  pattern: RegExp;
  names: string[];
  literalSegments: number;
}

function compile<R extends Matchable>(route: R): CompiledRoute<R> {
  const names: string[] = [];
  let literalSegments = 0;
  const source = route.path
    .split('/')
    .map((segment) => {
      const greedy = /^\{([A-Za-z0-9_]+)\+\}$/.exec(segment);
      if (greedy?.[1]) {
        names.push(greedy[1]);
        return '(.+)';
      }
      const parameter = /^\{([A-Za-z0-9_]+)\}$/.exec(segment);
      if (parameter?.[1]) {
        names.push(parameter[1]);
        return '([^/]+)';
      }
      if (segment !== '') literalSegments += 1;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, method: route.method, pattern: new RegExp(`^${source}/?$`), names, literalSegments };
}

export class RouteMatcher<R extends Matchable> {
  private readonly compiled: CompiledRoute<R>[];

  constructor(routes: readonly R[]) {
    // Literal segments win over parameters, as in API Gateway.
    this.compiled = routes.map(compile).sort((a, b) => b.literalSegments - a.literalSegments);
  }

  match(method: string, path: string): RouteMatch<R> | undefined {
    for (const candidate of this.compiled) {
      if (candidate.method !== 'ANY' && candidate.method !== method.toUpperCase()) continue;
      const found = candidate.pattern.exec(path);
      if (!found) continue;
      const pathParameters: Record<string, string> = {};
      for (const [index, name] of candidate.names.entries()) {
        const raw = found[index + 1] ?? '';
        try {
          pathParameters[name] = decodeURIComponent(raw);
        } catch {
          pathParameters[name] = raw;
        }
      }
      return { route: candidate.route, pathParameters };
    }
    return undefined;
  }
}
