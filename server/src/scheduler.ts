/**
 * Deadlines and bot seats (placeholder until they land).
 */
import type { ServerContext } from "./context";

/** Resolves phases at their deadlines and plays bot seats. */
export class Scheduler {
  constructor(private readonly ctx: ServerContext) {}
  /** Starts the clock. */
  start(): void {}
  /** Stops the clock. */
  stop(): void {}
  /** Called after every accepted state change of a match. */
  onStateChange(_matchID: string): void {
    void this.ctx;
  }
}
