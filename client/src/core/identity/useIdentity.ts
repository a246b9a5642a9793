import { useSyncExternalStore } from 'react';
import { currentIdentity, subscribeIdentity, type Identity } from './identity';

/** This device's identity; re-renders when it is changed here or in another tab. */
export function useIdentity(): Identity | null {
  return useSyncExternalStore(subscribeIdentity, currentIdentity);
}
