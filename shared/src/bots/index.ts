/** Bots: order-giving players of several strengths and diplomatic personalities, all pure and seeded. */
export { TACTICS, botOrders } from "./tactics";
export type { Tactics } from "./tactics";
export {
  attackableCentres,
  baselineOrders,
  breakingOrders,
  neighbourPowers,
  NO_INTENT,
  provinceValues,
} from "./baseline";
export type { OrderIntent, ProvinceValues } from "./baseline";
export { lookaheadOrders } from "./lookahead";
export { roundOf, trustLedger } from "./ledger";
export type { LedgerEntry, TrustLedger } from "./ledger";
export { PERSONALITIES, PERSONALITY_INFO, botProfile, partnerIntent } from "./personality";
export type {
  BotProfile,
  PartnerFacts,
  PartnerIntent,
  Personality,
  PersonalityInfo,
  Stance,
} from "./personality";
export { botMind, botTurn, proposalsAwaiting } from "./turn";
export type { BotMind, BotTurn, BotTurnInput } from "./turn";
export { playBotMatch } from "./self-play";
export type { BotMatchOptions, BotMatchRecord, BotSeat, PowerRecord } from "./self-play";
export {
  answerMessage,
  classifyMessage,
  composeReply,
  MAX_REPLY_LENGTH,
  MESSAGE_CUES,
  mayLie,
} from "./replies";
export type { AnswerInput, MessageCue, Reply, ReplyFacts } from "./replies";
