/**
 * What the storage knows of its own health, for `GET /health`. A failed write makes it unhealthy
 * until a write succeeds again (a full disk that gets space back); a failed read, until a read
 * succeeds; damage found in the file (corrupt pages, rows missing), until the server restarts —
 * and while the file is known to be damaged, the storage refuses to write into it.
 */
import { describe, isDamage, isStorageTrouble } from "./errors";

/** The storage's answer to "are you well?". */
export interface StorageHealth {
  readonly ok: boolean;
  /** What is wrong, for the operator, when not ok. */
  readonly problem?: string;
  /** The file's schema version: the last migration it records (`001-initial`, …). */
  readonly schema?: string;
}

/** Which kind of call went wrong. */
type Trouble = "read" | "write" | "damage";

/** The last trouble the storage met, and whether it has passed. */
export class HealthRecord {
  private trouble: { readonly kind: Trouble; readonly problem: string } | null = null;

  /** Notes a failed call, if the error is the storage's trouble (not a caller's mistake). */
  failed(kind: "read" | "write", what: string, error: unknown): void {
    if (!isStorageTrouble(error)) return;
    if (this.trouble?.kind === "damage") return;
    this.trouble = { kind: isDamage(error) ? "damage" : kind, problem: `${what} failed: ${describe(error)}` };
  }

  /** Notes a call that worked: a write clears a failed read or write; a read clears a failed read. */
  succeeded(kind: "read" | "write"): void {
    if (this.trouble === null || this.trouble.kind === "damage") return;
    if (kind === "write" || this.trouble.kind === "read") this.trouble = null;
  }

  /** The damage found in the file, if any (writes are refused then). */
  damage(): string | null {
    return this.trouble?.kind === "damage" ? this.trouble.problem : null;
  }

  /** The report: ok, or the problem. */
  report(): StorageHealth {
    return this.trouble === null ? { ok: true } : { ok: false, problem: this.trouble.problem };
  }
}
