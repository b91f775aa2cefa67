// Fan-out with bounded concurrency, kept order, and two ways to stop waiting for stragglers:
// a quorum (k ok answers in, then a short grace period) and a deadline. Cancelled and
// not-yet-started tasks receive an aborted signal and resolve as cancelled through their own code.
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): () => void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(t);
  },
};

export interface FanOutOptions {
  concurrency: number;
  /** Stop waiting once this many tasks succeeded (plus the grace period). */
  quorum?: number;
  /** Grace after quorum; default: a tenth of the time the quorum took, at most 5 s. */
  graceMs?: number;
  /** Stop waiting this many ms after the start. */
  deadlineMs?: number;
  /** External abort (run budget, Ctrl-C): cancels everything still running. */
  signal?: AbortSignal;
  clock?: Clock;
}

export interface FanOutReport<T> {
  results: T[];
  /** Indexes of tasks cancelled before they finished on their own. */
  cancelled: number[];
  /** Why stragglers were cancelled, if they were. */
  stopReason?: 'quorum' | 'deadline' | 'aborted';
}

export type Task<T> = (signal: AbortSignal) => Promise<T>;

export function defaultGrace(elapsedMs: number): number {
  return Math.min(5000, Math.round(elapsedMs / 10));
}

export function fanOut<T>(
  tasks: Task<T>[],
  isOk: (r: T) => boolean,
  opts: FanOutOptions,
  onSettled?: (index: number, result: T, done: number, total: number) => void,
): Promise<FanOutReport<T>> {
  const clock = opts.clock ?? realClock;
  const total = tasks.length;
  const results = new Array<T>(total);
  const controllers = tasks.map(() => new AbortController());
  const finished = new Array<boolean>(total).fill(false);
  const cancelled: number[] = [];
  const limit = Math.max(1, Math.min(opts.concurrency || 1, total || 1));
  const start = clock.now();
  let next = 0;
  let done = 0;
  let okCount = 0;
  let stopReason: FanOutReport<T>['stopReason'];
  const timers: Array<() => void> = [];

  return new Promise((resolve) => {
    if (total === 0) {
      resolve({ results: [], cancelled: [] });
      return;
    }
    const stop = (why: NonNullable<FanOutReport<T>['stopReason']>): void => {
      if (stopReason) return;
      stopReason = why;
      for (let i = 0; i < total; i++) {
        if (!finished[i]) {
          cancelled.push(i);
          controllers[i]!.abort();
        }
      }
    };
    const onExternal = (): void => stop('aborted');
    if (opts.signal) {
      if (opts.signal.aborted) stop('aborted');
      else opts.signal.addEventListener('abort', onExternal, { once: true });
    }
    if (opts.deadlineMs !== undefined && opts.deadlineMs > 0) timers.push(clock.setTimeout(() => stop('deadline'), opts.deadlineMs));

    let active = 0;
    const launch = (): void => {
      while (next < total && active < limit) {
        const i = next++;
        active++;
        let p: Promise<T>;
        try {
          p = tasks[i]!(controllers[i]!.signal);
        } catch (e) {
          p = Promise.reject(e);
        }
        p.then(
          (r) => settle(i, r),
          (e) => settle(i, e as T),
        );
      }
    };
    const settle = (i: number, r: T): void => {
      active--;
      finished[i] = true;
      results[i] = r;
      done++;
      const ok = !controllers[i]!.signal.aborted && isOk(r);
      if (ok) okCount++;
      try {
        onSettled?.(i, r, done, total);
      } catch {
        // observers never break the fan-out
      }
      if (opts.quorum && ok && okCount === opts.quorum && done < total) {
        const grace = opts.graceMs ?? defaultGrace(clock.now() - start);
        if (grace <= 0) stop('quorum');
        else timers.push(clock.setTimeout(() => stop('quorum'), grace));
      }
      if (done === total) {
        for (const t of timers) t();
        opts.signal?.removeEventListener('abort', onExternal);
        resolve({ results, cancelled: cancelled.filter((c) => controllers[c]!.signal.aborted), ...(stopReason ? { stopReason } : {}) });
        return;
      }
      launch();
    };
    launch();
  });
}
