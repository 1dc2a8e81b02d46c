/**
 * socket.io's packet parser, without the search for binary attachments in what the server sends.
 * The game and the press channel only ever send JSON, and socket.io's `hasBinary` walks every
 * object of every packet (one patch per seat per action) before encoding it — a fifth of the cost
 * of sending. Decoding what clients send is unchanged.
 */
import * as parser from "socket.io-parser";

/** socket.io-parser's string encoding (a private method in its typings, public in its code). */
interface StringEncoding {
  encodeAsString(packet: parser.Packet): string;
}

/** Encodes every packet as one string. */
class JsonEncoder extends parser.Encoder {
  override encode(packet: parser.Packet): string[] {
    return [(this as unknown as StringEncoding).encodeAsString(packet)];
  }
}

/** The parser to give socket.io's `Server` (`{ parser: jsonParser }`). */
export const jsonParser = { ...parser, Encoder: JsonEncoder };
