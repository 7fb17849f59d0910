// Users of the generated events: per-project ranges of one shared pool of customer ids.

import type { EventUser } from './types';

export const USER_POOLS: Record<string, { offset: number; size: number }> = {
  'checkout-api': { offset: 0, size: 6000 },
  'web-frontend': { offset: 0, size: 12000 },
  'payments-worker': { offset: 0, size: 3000 },
  'mobile-app': { offset: 3000, size: 5000 },
};

/** The user at a pool index; one object per index, made on first use. */
export function createUserDirectory(): (index: number) => EventUser {
  const userCache: EventUser[] = [];
  return (index: number): EventUser => {
    let user = userCache[index];
    if (!user) {
      const id = String(10000 + index);
      user = {
        id,
        email: `customer${id}@mail.example`,
        username: null,
        ip: `198.51.${(index >> 8) & 255}.${index & 255}`,
        tag: `id:${id}`,
      };
      userCache[index] = user;
    }
    return user;
  };
}
