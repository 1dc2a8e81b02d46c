/**
 * Saving files the server makes (a match's record, its data exports): fetched with the reader's
 * key (`Authorization: Bearer`, which a plain link cannot send), then saved under a file name.
 */
import { ApiError } from "./api";

/** Saves a blob as a file in the browser's downloads. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches `path` with the key and saves the answer as `fileName`; a refusal throws an `ApiError`. */
export async function downloadWithKey(path: string, key: string, fileName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { Authorization: `Bearer ${key}` } });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  if (!res.ok) {
    const data: unknown = await res.json().catch(() => null);
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? "http",
      error?.message ?? `The server answered ${res.status}`,
    );
  }
  saveBlob(await res.blob(), fileName);
}
