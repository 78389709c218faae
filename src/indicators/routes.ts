import type { Express } from 'express';
import type { Deps } from '../platform/deps';

/** Routes of the indicators area (to be written). */
export function registerIndicators(app: Express, deps: Deps) {
  void app;
  void deps;
}
