/**
 * `npm start`: builds the browser client into client/dist when it is missing or older than its
 * sources (once; later starts reuse it and serve at once), then runs the server (main.ts).
 */
import { clientIsStale, ensureClientBuilt } from "./client-build";

if (clientIsStale()) {
  console.log("Building the browser client into client/dist (later starts reuse it)…");
  try {
    await ensureClientBuilt();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
await import("./main");
