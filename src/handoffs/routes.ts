import type { Express } from 'express';
import type { Deps } from '../platform/deps';

/** Routes of the handoffs area (to be written). */
export function registerHandoffs(app: Express, deps: Deps) {
  void app;
  void deps;
}
