import type { Express } from 'express';
import type { Deps } from '../platform/deps';

/** Routes of the close-out area (to be written). */
export function registerCloseOut(app: Express, deps: Deps) {
  void app;
  void deps;
}
