import type { Express } from 'express';
import type { Deps } from '../platform/deps';

/** Routes of the funder-portal area (to be written). */
export function registerFunderPortal(app: Express, deps: Deps) {
  void app;
  void deps;
}
