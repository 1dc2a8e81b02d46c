/**
 * The seat API (docs/seat-api.md): HTTP + JSON through which any program plays a seat with its
 * credentials. `routes`: the router and the hooks that wake its waits; `context`: the seat's view;
 * `orders`: order texts read and checked; `seq`: each seat's sequence numbers; `waits`: open
 * long-polls and event streams, capped and woken.
 */
export { phaseMovedOn, seatApi, statusOf, SSE_KEEPALIVE_MS, type SeatApi } from "./routes";
export { WAITS_PER_ADDRESS, WAITS_PER_SEAT } from "./waits";
