/** RFC 6455 §5.2: FIN set, opcode 2 (binary). A server's frames are never masked. */
const FIN_BINARY = 0x82;

/** The header of one final, unmasked binary WebSocket frame carrying `length` bytes. */
function frameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([FIN_BINARY, length]);
  if (length < 0x10000) {
    const header = Buffer.allocUnsafe(4);
    header[0] = FIN_BINARY;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.allocUnsafe(10);
  header[0] = FIN_BINARY;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

/**
 * A message at least this long is written from its own bytes rather than copied next to its frame
 * header: the copy would cost as much as the board itself for a cold join's whole-board step 2.
 */
export const LARGE_MESSAGE_BYTES = 16 * 1024;

/** A Buffer over the same memory as `bytes`, without copying. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Messages that leave together, in order, for one connection or for many. Each message is one
 * WebSocket frame. The frames are built once, back to back, and shared by every connection the same
 * messages go to: a room's fan-out frames each message once, and a connection receives everything a
 * turn has for it in one socket write (one system call) instead of one per message, which is most of
 * what sending costs. Small frames are packed into one buffer; a large message is written from its
 * own bytes next to the packed ones (one vectored write), never copied.
 */
export class OutgoingMessages {
  private wire: Buffer[] | null = null;

  constructor(readonly messages: readonly Uint8Array[]) {}

  static of(...messages: Uint8Array[]): OutgoingMessages {
    return new OutgoingMessages(messages);
  }

  /**
   * The messages as consecutive WebSocket frames, in chunks to be written in order (usually one);
   * built on first use and then reused.
   */
  framed(): readonly Buffer[] {
    if (this.wire) return this.wire;
    const chunks: Buffer[] = [];
    let packed: Uint8Array[] = [];
    for (const message of this.messages) {
      packed.push(frameHeader(message.byteLength));
      if (message.byteLength < LARGE_MESSAGE_BYTES) {
        packed.push(message);
        continue;
      }
      chunks.push(Buffer.concat(packed), asBuffer(message));
      packed = [];
    }
    if (packed.length > 0) chunks.push(Buffer.concat(packed));
    this.wire = chunks;
    return chunks;
  }
}
