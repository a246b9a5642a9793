import client from 'prom-client';
import type { RoomManager } from './RoomManager';
import { KIND_NAMES, type Telemetry } from './Telemetry';

export interface Metrics {
  /** Prometheus text exposition of every metric. */
  render(): Promise<string>;
  readonly contentType: string;
}

/**
 * A Prometheus registry for one server. Each server has its own, never prom-client's global one, so
 * several servers in one process (tests, the benchmark) keep their counts apart. Gauges and counters are
 * read from the core when scraped; only the storage latency histogram is observed as it happens.
 */
export function createMetrics(manager: RoomManager, telemetry: Telemetry, processMetrics = false): Metrics {
  const registry = new client.Registry();
  if (processMetrics) client.collectDefaultMetrics({ register: registry });

  new client.Gauge({
    name: 'board_connections',
    help: 'Open sync connections.',
    registers: [registry],
    collect() {
      this.set(manager.stats().connections);
    },
  });
  new client.Gauge({
    name: 'board_rooms_loaded',
    help: 'Boards loaded in memory.',
    registers: [registry],
    collect() {
      this.set(manager.stats().rooms);
    },
  });
  new client.Gauge({
    name: 'board_storage_log_rows',
    help: 'Rows in the stored update logs of the loaded boards, not yet compacted.',
    registers: [registry],
    collect() {
      this.set(manager.storedLogRows());
    },
  });

  const traffic = (name: string, help: string, values: Float64Array) =>
    new client.Counter({
      name,
      help,
      labelNames: ['type'],
      registers: [registry],
      collect() {
        // Counters have no set(); the core's totals only grow, so reset-and-add reports them exactly.
        this.reset();
        values.forEach((value, kind) => this.inc({ type: KIND_NAMES[kind]! }, value));
      },
    });
  traffic('board_messages_received_total', 'Sync messages received, by message type.', telemetry.messagesIn);
  traffic(
    'board_received_bytes_total',
    'Bytes of sync messages received, by message type.',
    telemetry.bytesIn,
  );
  traffic(
    'board_messages_sent_total',
    'Sync messages sent (one per connection), by type.',
    telemetry.messagesOut,
  );
  traffic('board_sent_bytes_total', 'Bytes of sync messages sent, by message type.', telemetry.bytesOut);

  new client.Counter({
    name: 'board_refusals_total',
    help: 'Connections closed or requests refused for a limit or bad input, by reason.',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [reason, count] of telemetry.refusals) this.inc({ reason }, count);
    },
  });

  const storageWrites = new client.Histogram({
    name: 'board_storage_write_seconds',
    help: 'Latency of storage writes: appending a batch of updates, compacting a log.',
    labelNames: ['operation'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  telemetry.onStorageWrite = (operation, seconds) => storageWrites.observe({ operation }, seconds);

  return {
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
