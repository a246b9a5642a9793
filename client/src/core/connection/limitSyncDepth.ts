import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import { limitValueDepth } from '@shared';

/**
 * Makes the provider apply every update it receives with its too-deep plain values replaced by null
 * (shared's limitValueDepth), before Yjs decodes it. Yjs decodes a plain value by recursion: one nested a
 * few thousand levels deep, written once by an edit link, overflowed the stack in every browser that
 * opened the board, and the whole sync step with it, so the board never loaded. Now only that value is
 * lost, on this replica. The stock handler does the rest (sync step 1 answers, the synced flag).
 */
export function limitSyncDepth(provider: WebsocketProvider): void {
  const stock = provider.messageHandlers[messageSync];
  if (!stock) throw new Error('the provider has no sync message handler');
  provider.messageHandlers[messageSync] = (encoder, decoder, target, emitSynced, messageType) => {
    stock(encoder, limitedSyncMessage(decoder), target, emitSynced, messageType);
  };
}

/** A decoder over the rest of a sync message, its update (if it carries one) depth-limited. */
export function limitedSyncMessage(decoder: decoding.Decoder): decoding.Decoder {
  const message = decoding.readTailAsUint8Array(decoder);
  const reader = decoding.createDecoder(message);
  const type = decoding.readVarUint(reader);
  if (type !== messageYjsSyncStep2 && type !== messageYjsUpdate) return decoding.createDecoder(message);
  const update = decoding.readVarUint8Array(reader);
  const limited = limitValueDepth(update);
  if (limited === update) return decoding.createDecoder(message);
  const rewritten = encoding.createEncoder();
  encoding.writeVarUint(rewritten, type);
  encoding.writeVarUint8Array(rewritten, limited);
  return decoding.createDecoder(encoding.toUint8Array(rewritten));
}
