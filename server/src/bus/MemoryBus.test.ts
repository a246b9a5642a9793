import { describeBusContract } from './busContract';
import { MemoryBusHub, type MemoryBus } from './MemoryBus';

describeBusContract('MemoryBus', () => {
  const hub = new MemoryBusHub();
  const buses: MemoryBus[] = [];
  return {
    node: () => {
      const bus = hub.node();
      buses.push(bus);
      return bus;
    },
    interrupt: async () => hub.interrupt(),
    dispose: async () => {
      for (const bus of buses) await bus.close();
    },
  };
});
