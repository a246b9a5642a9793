import { useEffect, useState, useSyncExternalStore } from 'react';
import type { BoardConnection } from '../connection/BoardConnection';
import { ServerClock } from './ServerClock';

/**
 * The server clock of an open board: measured when the board opens, every few minutes, and again each
 * time the connection comes back (a device that slept may have had its clock corrected meanwhile).
 */
export function useServerClock(connection: BoardConnection): ServerClock {
  const [clock] = useState(() => new ServerClock());
  useEffect(() => {
    clock.start();
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') void clock.sync();
    };
    connection.provider.on('status', onStatus);
    return () => {
      connection.provider.off('status', onStatus);
      clock.stop();
    };
  }, [clock, connection]);
  // Re-render with each new estimate, so countdowns use it at once.
  useSyncExternalStore(clock.subscribe, clock.getVersion);
  return clock;
}
