// Which waiting request to run next. Pure: a request for an older version of a document than another
// waiting request is skipped, since its answer would be out of date before it arrived.

export interface QueuedRequest {
  uri: string;
  version: number;
}

export interface NextStep<R extends QueuedRequest> {
  /** The request to run now, if any is still wanted. */
  run: R | undefined;
  /** Requests to answer as skipped without running them. */
  skipped: R[];
  /** Requests that wait for a later turn, in arrival order. */
  rest: R[];
}

export function nextStep<R extends QueuedRequest>(pending: readonly R[]): NextStep<R> {
  const latest = new Map<string, number>();
  for (const request of pending)
    latest.set(request.uri, Math.max(latest.get(request.uri) ?? -Infinity, request.version));
  const skipped: R[] = [];
  const wanted: R[] = [];
  for (const request of pending) (request.version < latest.get(request.uri)! ? skipped : wanted).push(request);
  const [run, ...rest] = wanted;
  return { run, skipped, rest };
}
