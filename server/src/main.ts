/**
 * The server process: reads the settings from the environment and serves the whole game on one
 * port (the page from client/dist, the API, the sockets). `npm start` runs it through start.ts,
 * which builds the client first when it is missing or stale.
 */
import "./production";
import { readConfig } from "./config";
import { startServer } from "./app";
import { lanAddress } from "./origins";

try {
  const config = readConfig();
  const server = await startServer(config);
  console.log(`Entente is serving on ${server.url} (data in ${config.DATA_DIR})`);
  const lan = config.PUBLIC_URL ? null : lanAddress();
  if (lan !== null) console.log(`Others on your network (a class) reach it at http://${lan}:${server.port}`);
  const stop = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
