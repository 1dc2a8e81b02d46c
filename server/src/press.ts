/**
 * The press channel (placeholder until it lands): an authenticated socket.io namespace for
 * private conversations and communiqués.
 */
import type { Server as SocketServer } from "socket.io";
import type { ServerContext } from "./context";

/** Serves the `/press` namespace. */
export function attachPress(_ctx: ServerContext, _io: SocketServer): void {}
