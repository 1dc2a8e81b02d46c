/**
 * Imported first by the server's entry points: unless told otherwise (`NODE_ENV` set, e.g. to
 * `test` by vitest), the server runs its libraries in production mode — immer's production build,
 * no boardgame.io development checks on every move, no boardgame.io info logging. It must run
 * before boardgame.io and immer are loaded, because they choose their mode when they load.
 */
process.env["NODE_ENV"] ??= "production";

export {};
