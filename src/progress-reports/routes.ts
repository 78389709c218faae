import type { Express } from 'express';
import type { Deps } from '../platform/deps';

/** Routes of the progress-reports area (to be written). */
export function registerProgressReports(app: Express, deps: Deps) {
  void app;
  void deps;
}
