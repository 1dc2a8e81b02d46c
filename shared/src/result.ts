/**
 * Errors as values: every parser and validator at the edge of the rules core returns a `Result`
 * instead of throwing, so callers must look at the error and its stable code.
 */

/** A success carrying a value, or a failure carrying an error. */
export type Result<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

/** Wraps a value as a success. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Wraps an error as a failure. */
export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
