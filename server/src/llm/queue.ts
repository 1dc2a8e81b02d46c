/**
 * A queue of requests to the model: at most `concurrency` run at once (one by default: a local
 * model answers one request at a time anyway), the rest wait their turn in order.
 */

/** A slot in the queue, released when the request is done. */
export type Release = () => void;

/** Runs at most `concurrency` requests at once. */
export class RequestQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly concurrency: number) {}

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * A slot, when one is free; or null when `signal` aborts first (the request is then out of the
   * queue and must not run).
   */
  acquire(signal: AbortSignal): Promise<Release | null> {
    const release = (): void => {
      this.running--;
      this.waiting.shift()?.();
    };
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve(release);
    }
    return new Promise((resolve) => {
      const start = (): void => {
        signal.removeEventListener("abort", leave);
        this.running++;
        resolve(release);
      };
      const leave = (): void => {
        const at = this.waiting.indexOf(start);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(null);
      };
      if (signal.aborted) {
        resolve(null);
        return;
      }
      this.waiting.push(start);
      signal.addEventListener("abort", leave, { once: true });
    });
  }
}
