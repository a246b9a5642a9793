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
 * Messages that leave together, in order, for one connection or for many. Each message is one
 * WebSocket frame. The frames are built once, back to back in one buffer, and that buffer is shared by
 * every connection the same messages go to: a room's fan-out frames each message once, and a connection
 * receives everything a turn has for it in one socket write (one system call) instead of one per
 * message, which is most of what sending costs.
 */
export class OutgoingMessages {
  private wire: Buffer | null = null;

  constructor(readonly messages: readonly Uint8Array[]) {}

  static of(...messages: Uint8Array[]): OutgoingMessages {
    return new OutgoingMessages(messages);
  }

  /** The messages as consecutive WebSocket frames; built on first use and then reused. */
  framed(): Buffer {
    if (this.wire) return this.wire;
    const parts: Uint8Array[] = [];
    for (const message of this.messages) parts.push(frameHeader(message.byteLength), message);
    this.wire = Buffer.concat(parts);
    return this.wire;
  }
}
