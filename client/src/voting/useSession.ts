/**
 * The session hook lives with facilitation; this name stays while the phone layout still imports it
 * from here.
 */
export { useSession } from '../facilitation/useSession';
