/**
 * `npm start`: reads the settings from the environment, builds the browser client if client/dist
 * is missing or out of date (once; later starts reuse it), and serves the whole game on one port.
 */
import "./production";
import { readConfig } from "./config";
import { startServer } from "./app";
import { clientIsStale, ensureClientBuilt } from "./client-build";

try {
  const config = readConfig();
  if (clientIsStale()) {
    console.log("Building the browser client into client/dist (later starts reuse it)…");
    await ensureClientBuilt();
  }
  const server = await startServer(config);
  console.log(`Entente is serving on ${server.url} (data in ${config.DATA_DIR})`);
  const stop = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
