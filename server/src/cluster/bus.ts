/**
 * The nodes' own messages over Redis (docs/deploy.md): news that a match changed, for every node
 * (each shows it to its own sockets, dashboards and seat API waits), and a request to the node that
 * runs a match (a move that reached another node), with its answer. Two connections: one that
 * publishes, one that listens (Redis gives a listening connection to nothing else). The sockets'
 * own broadcasts (rooms of the press channel) go through socket.io's Redis adapter, not here.
 */
import { randomUUID } from "node:crypto";
import { createClient } from "redis";
import { z } from "zod";
import { moduleLog } from "../log";

const logger = moduleLog("cluster");

/** A node's name as it travels on the bus (`NODE_ID`: letters, digits, `_ . -`, or a host name). */
const nodeNameSchema = z.string().min(1).max(200);

/**
 * A request from one node to another, and its answer (both JSON). Read with a schema: a message
 * of another shape (a bug, a stray publisher) is dropped, never thrown on inside Redis's callback.
 */
const envelopeSchema = z.object({
  id: z.string().min(1).max(100),
  from: nodeNameSchema,
  body: z.unknown().optional(),
  answer: z.unknown().optional(),
});
type Envelope = z.infer<typeof envelopeSchema>;

/** News every node hears: what changed in a match, and which node says so (read with this schema). */
const newsSchema = z.object({
  kind: z.enum(["state", "metadata", "press"]),
  matchID: z.string().min(1).max(200),
  node: nodeNameSchema,
});
export type MatchNews = Readonly<z.infer<typeof newsSchema>>;

type RedisClient = ReturnType<typeof createClient>;

const NEWS = "entente:news";
const inbox = (node: string): string => `entente:node:${node}`;
const replies = (node: string): string => `entente:reply:${node}`;

/** The Redis connections of one node. */
export class Bus {
  readonly publisher: RedisClient;
  readonly subscriber: RedisClient;
  private readonly waiting = new Map<string, (answer: unknown) => void>();
  private newsListener: (news: MatchNews) => void = () => undefined;
  private requestListener: (body: unknown, from: string) => Promise<unknown> = () => Promise.resolve(null);
  private problem: string | null = null;

  constructor(
    url: string,
    readonly node: string,
  ) {
    const reconnect = { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) };
    this.publisher = createClient({ url, socket: reconnect });
    this.subscriber = this.publisher.duplicate();
    for (const client of [this.publisher, this.subscriber]) {
      client.on("error", (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (this.problem !== message) logger.warn({ err: error }, `Redis: ${message}`);
        this.problem = message;
      });
      client.on("ready", () => {
        this.problem = null;
      });
    }
  }

  /** Connects both connections and listens for news, requests and answers. */
  async start(): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    await this.subscriber.subscribe(NEWS, (message) => {
      const news = newsSchema.safeParse(parse(message));
      if (!news.success || news.data.node === this.node) return;
      try {
        this.newsListener(news.data);
      } catch (error) {
        logger.error({ err: error, matchID: news.data.matchID }, "hearing another node's news failed");
      }
    });
    await this.subscriber.subscribe(inbox(this.node), (message) => {
      const envelope = envelopeSchema.safeParse(parse(message));
      if (envelope.success)
        this.answer(envelope.data).catch((error: unknown) => {
          logger.error({ err: error }, "answering another node failed");
        });
    });
    await this.subscriber.subscribe(replies(this.node), (message) => {
      const read = envelopeSchema.safeParse(parse(message));
      if (!read.success) return;
      const envelope = read.data;
      const resolve = this.waiting.get(envelope.id);
      this.waiting.delete(envelope.id);
      resolve?.(envelope.answer);
    });
  }

  /** Calls `listener` with every other node's news. */
  onNews(listener: (news: MatchNews) => void): void {
    this.newsListener = listener;
  }

  /** Answers other nodes' requests with `listener`. */
  onRequest(listener: (body: unknown, from: string) => Promise<unknown>): void {
    this.requestListener = listener;
  }

  /** Tells every other node of a change (best effort: with Redis away, the news is lost). */
  announce(kind: MatchNews["kind"], matchID: string): void {
    const news: MatchNews = { kind, matchID, node: this.node };
    if (!this.publisher.isReady) return;
    this.publisher.publish(NEWS, JSON.stringify(news)).catch((error: unknown) => {
      logger.warn({ err: error, matchID }, "could not announce a change");
    });
  }

  /** Asks `node` and waits for its answer; undefined when none came within `timeoutMs`. */
  async request(node: string, body: unknown, timeoutMs: number): Promise<unknown> {
    if (!this.publisher.isReady) return undefined;
    const id = randomUUID();
    const answered = new Promise<unknown>((resolve) => {
      this.waiting.set(id, resolve);
      setTimeout(() => {
        if (this.waiting.delete(id)) resolve(undefined);
      }, timeoutMs).unref();
    });
    const envelope: Envelope = { id, from: this.node, body };
    const listeners = await this.publisher.publish(inbox(node), JSON.stringify(envelope)).catch(() => 0);
    if (listeners === 0) {
      this.waiting.delete(id);
      return undefined; // nobody listens there: that node is gone
    }
    return answered;
  }

  /** What is wrong with Redis, for `/health` (null: both connections ready). */
  health(): string | null {
    if (this.publisher.isReady && this.subscriber.isReady) return null;
    return this.problem ?? "not connected";
  }

  async stop(): Promise<void> {
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
    await Promise.allSettled([this.subscriber.close(), this.publisher.close()]);
  }

  /** Runs a request and sends its answer back to the asking node. */
  private async answer(envelope: Envelope): Promise<void> {
    let answer: unknown;
    try {
      answer = await this.requestListener(envelope.body, envelope.from);
    } catch (error) {
      logger.error({ err: error }, "a request from another node failed");
      answer = null;
    }
    const reply: Envelope = { id: envelope.id, from: this.node, answer };
    await this.publisher.publish(replies(envelope.from), JSON.stringify(reply)).catch(() => 0);
  }
}

/** JSON from Redis, or null when it is not JSON. */
function parse(message: string): unknown {
  try {
    return JSON.parse(message) as unknown;
  } catch {
    return null;
  }
}
