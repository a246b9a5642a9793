import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe } from 'vitest';
import { silentLogger } from '../logger';
import { describeBusContract } from './busContract';
import { RedisBus } from './RedisBus';

/**
 * Runs against the Redis that REDIS_URL names (`.ci/run` sets it); without it the suite is reported as
 * skipped. Each cluster names its nodes' connections with a tag of its own, so that interrupting it cuts
 * only those (other suites and people use this Redis too); boards are random, so streams never mix.
 */
const url = process.env.REDIS_URL;

describe.skipIf(!url)('RedisBus (needs REDIS_URL; skipped without it)', () => {
  describeBusContract('RedisBus', () => {
    const tag = `bus-contract-${randomBytes(4).toString('hex')}`;
    const buses: RedisBus[] = [];
    const admin = new Redis(url!);
    return {
      node: async () => {
        const bus = new RedisBus({ url: url!, nodeName: `${tag}-${buses.length}`, log: silentLogger });
        buses.push(bus);
        await bus.ready();
        return bus;
      },
      interrupt: async () => {
        const ours = ((await admin.client('LIST', 'TYPE', 'NORMAL')) as string)
          .split('\n')
          .filter((line) => line.includes(` name=iot-board:${tag}-`))
          .map((line) => /\bid=(\d+)/.exec(line)![1]!);
        for (const id of ours) await admin.client('KILL', 'ID', id);
      },
      dispose: async () => {
        for (const bus of buses) await bus.close();
        await admin.quit();
      },
    };
  });
});
