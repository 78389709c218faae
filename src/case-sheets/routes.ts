import type { Express } from 'express';
import type { Deps } from '../platform/deps';

/** Routes of the case-sheets area (to be written). */
export function registerCaseSheets(app: Express, deps: Deps) {
  void app;
  void deps;
}
