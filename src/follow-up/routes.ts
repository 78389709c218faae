import type { Express } from 'express';
import type { Deps } from '../platform/deps';

/** Routes of the follow-up area (to be written). */
export function registerFollowUp(app: Express, deps: Deps) {
  void app;
  void deps;
}
