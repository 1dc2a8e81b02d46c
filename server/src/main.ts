/**
 * The server process: reads the settings from the environment and serves the whole game on one
 * port (the page from client/dist, the API, the sockets). `npm start` runs it through start.ts,
 * which builds the client first when it is missing or stale. Its lines go through the logger
 * (docs/logging.md): short lines for a person on a terminal, JSON lines otherwise.
 */
import "./production";
import { readConfig, type ServerConfig } from "./config";
import { startServer } from "./app";
import { moduleLog, parseLogFormat, setLogLevel } from "./log";
import { lanAddress } from "./origins";

const logger = moduleLog("main");

/** The settings, or the process ends with a message naming the bad one (for a person, not a log). */
function settings(): ServerConfig {
  try {
    if (parseLogFormat(process.env["LOG_FORMAT"]) === null)
      throw new Error('Bad setting LOG_FORMAT: "json", "pretty", or unset (pretty on a terminal, else JSON)');
    return readConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

const config = settings();
setLogLevel(config.LOG_LEVEL);
try {
  const server = await startServer(config);
  const data = config.DATABASE_URL === undefined ? config.DATA_DIR : server.ctx.db.name;
  logger.info({ url: server.url, data }, `Entente is serving on ${server.url} (data in ${data})`);
  const lan = config.PUBLIC_URL ? null : lanAddress();
  if (lan !== null)
    logger.info(
      { url: `http://${lan}:${server.port}` },
      `Others on your network (a class) reach it at http://${lan}:${server.port}`,
    );
  const stop = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, `Entente is stopping (${signal})`);
    void server.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  logger.fatal(
    { err: error },
    `Entente could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
