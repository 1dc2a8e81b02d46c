/** Positions and phase sequencing. */
export * from "./position";
export {
  initialPosition,
  resolvePhase,
  captureCentres,
  needsAdjustment,
  soloWinner,
  eliminatedPowers,
} from "./phases";
export type { PhaseResolution, PhaseStep } from "./phases";
export type { RandomGame, RandomGameOptions, PlayedPhase } from "./random-play";
export { randomOrders, randomPowerOrders, playRandomGame } from "./random-play";
