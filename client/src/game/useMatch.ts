/**
 * The live connection to one match: a boardgame.io client over the SocketIO transport, with the
 * state the server sends this seat (already filtered by `playerView`), the connection status,
 * the reason the server gave for the last refused move (`entente:error`), and `act` to make a move.
 * Moves run on the server only (`client: false`), so what `G` shows is what the server holds.
 * A move made while the socket is down is queued and sent once the seat has synced again. The
 * socket's events are the shared game-socket contract (`shared/src/wire/socket.ts`).
 */
import { Client } from "boardgame.io/client";
import { SocketIO } from "boardgame.io/multiplayer";
import type { Ctx } from "boardgame.io";
import type { Socket } from "socket.io-client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { createGame, powerOfPlayer, type MoveName } from "../../../shared/src/match/game";
import type { MatchState } from "../../../shared/src/match/types";
import { getMap } from "../../../shared/src/map/registry";
import type { GameMap, PowerId } from "../../../shared/src/map/types";
import type { ClientToServer, ServerToClient, SocketError } from "../../../shared/src/wire";

/** Who connects: a seat (player id and credentials) or a spectator (both null). */
export interface MatchSeat {
  readonly matchID: string;
  readonly playerID: string | null;
  readonly credentials: string | null;
}

/** A refusal from the server, with the move that caused it when known. */
export interface MatchError {
  readonly code: string;
  readonly message: string;
  readonly move?: MoveName | "sync";
}

/** What `useMatch` returns. */
export interface MatchHandle {
  readonly G: MatchState | null;
  readonly ctx: Ctx | null;
  readonly power: PowerId | null;
  readonly map: GameMap | null;
  readonly playerID: string | null;
  readonly matchID: string;
  readonly connected: boolean;
  readonly reconnecting: boolean;
  readonly error: MatchError | null;
  /** The match runs in this browser (against bots, no server): nothing is "sent" or "on the server". */
  readonly offline?: boolean;
  readonly act: (move: MoveName, payload: unknown) => void;
  readonly clearError: () => void;
}

/** The client-side `Game`: only its move names and flow matter; moves run on the server. */
let clientGame: ReturnType<typeof createGame> | null = null;
function gameForClient(): ReturnType<typeof createGame> {
  clientGame ??= createGame();
  return clientGame;
}

type Transport = ReturnType<ReturnType<typeof SocketIO>>;
type BgioClient = ReturnType<typeof Client<MatchState>>;
/** The game socket under boardgame.io's transport, typed by the shared event maps. */
type GameSocket = Socket<ServerToClient, ClientToServer>;

/** Connects to a match as a seat or a spectator and follows its state. */
export function useMatch({ matchID, playerID, credentials }: MatchSeat): MatchHandle {
  const [state, setState] = useState<{ G: MatchState; ctx: Ctx } | null>(null);
  const [connected, setConnected] = useState(false);
  const [everConnected, setEverConnected] = useState(false);
  const [error, setError] = useState<MatchError | null>(null);
  const clientRef = useRef<BgioClient | null>(null);
  const transportRef = useRef<Transport | null>(null);
  const syncedRef = useRef(false); // the seat has synced since the socket last connected
  const queueRef = useRef<{ move: MoveName; payload: unknown }[]>([]);
  const lastMoveRef = useRef<MoveName | null>(null);

  useEffect(() => {
    // The match id in the handshake: HAProxy sends every socket of a match to one node (deploy/haproxy.cfg).
    const factory = SocketIO({ server: window.location.origin, socketOpts: { query: { matchID } } });
    const client = Client<MatchState>({
      game: gameForClient(),
      multiplayer: (opts) => {
        const transport = factory(opts);
        transportRef.current = transport;
        return transport;
      },
      matchID,
      ...(playerID === null ? {} : { playerID }),
      ...(credentials === null ? {} : { credentials }),
      debug: false,
    });
    clientRef.current = client;
    syncedRef.current = false;

    const flush = () => {
      const queued = queueRef.current;
      queueRef.current = [];
      for (const { move, payload } of queued) {
        lastMoveRef.current = move;
        client.moves[move]?.(payload);
      }
    };

    const unsubscribe = client.subscribe((s) => {
      const isConnected = transportRef.current?.isConnected ?? false;
      setConnected(isConnected);
      if (isConnected) setEverConnected(true);
      else syncedRef.current = false;
      if (s !== null) setState({ G: s.G, ctx: s.ctx });
    });
    client.start();

    const socket = transportRef.current?.socket as GameSocket | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const onError = (e: SocketError | null) => {
      // Read defensively: a refusal is shown whatever its shape.
      const { code, message } = (e ?? {}) as Partial<Record<keyof SocketError, unknown>>;
      // A sync refused because the address is busy (a whole class connecting at once): ask again.
      if (code === "rate-limited" && !syncedRef.current) {
        clearTimeout(retry);
        retry = setTimeout(() => transportRef.current?.requestSync(), 1_000 + Math.random() * 2_000);
        return;
      }
      const err = {
        code: typeof code === "string" ? code : "error",
        message: typeof message === "string" ? message : "The server refused that.",
      };
      const move: MoveName | "sync" | null =
        (err.code === "bad-credentials" && !syncedRef.current) || err.code === "seat-lost"
          ? "sync"
          : lastMoveRef.current;
      setError(move === null ? err : { ...err, move });
    };
    // Registered after boardgame.io's own handler, so the state is in the store when this runs.
    const onSync = () => {
      syncedRef.current = true;
      flush();
    };
    socket?.on("entente:error", onError);
    socket?.on("sync", onSync);

    return () => {
      clearTimeout(retry);
      socket?.off("entente:error", onError);
      socket?.off("sync", onSync);
      unsubscribe();
      client.stop();
      clientRef.current = null;
      transportRef.current = null;
      setState(null);
      setConnected(false);
    };
  }, [matchID, playerID, credentials]);

  const act = useCallback((move: MoveName, payload: unknown) => {
    const client = clientRef.current;
    if (client === null) return;
    setError(null);
    if (!(transportRef.current?.isConnected ?? false) || !syncedRef.current) {
      // Latest wins for the moves that replace state; the rest keep their order.
      const replaces = move === "orders" || move === "ready" || move === "drawVote";
      queueRef.current = [
        ...queueRef.current.filter((q) => !(replaces && q.move === move)),
        { move, payload },
      ];
      return;
    }
    lastMoveRef.current = move;
    client.moves[move]?.(payload);
  }, []);

  const clearError = useCallback(() => setError(null), []);

  const G = state?.G ?? null;
  const mapId = G?.settings.mapId;
  const map = useMemo(() => (mapId === undefined ? null : getMap(mapId)), [mapId]);
  const power = G === null ? null : powerOfPlayer(G, playerID);

  return {
    G,
    ctx: state?.ctx ?? null,
    power,
    map,
    playerID,
    matchID,
    connected,
    reconnecting: everConnected && !connected,
    error,
    act,
    clearError,
  };
}
