import type { Identity } from '../identity/identity';
import type { PresenceUser } from './presenceSchema';

/** What others see of this device's person. */
export function presenceUser(identity: Identity): PresenceUser {
  return { id: identity.id, name: identity.name, department: identity.department, color: identity.color };
}
