/**
 * The server's own HTTP paths on its one port: the lobby API, the two socket namespaces' transport
 * and the health check. They are never answered with the app's page or a file — neither by the
 * server's static part (server/src/static-client.ts) nor by the service worker's fallback for the
 * app's routes (client/vite.config.ts). Any letter case; with or without a trailing slash.
 */
export const SERVER_PATHS: readonly RegExp[] = [
  /^\/api(?:\/|$)/i,
  /^\/socket\.io(?:\/|$)/i,
  /^\/entente(?:\/|$)/i,
  /^\/press(?:\/|$)/i,
  /^\/health\/?$/i,
];
