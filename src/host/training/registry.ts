// The one TrainingManager of the running extension, for the designer sessions
// that the custom editor creates (they are built before they could be handed it).

import type { TrainingManager } from './manager';

let current: TrainingManager | undefined;

export function setTrainingManager(manager: TrainingManager | undefined): void {
  current = manager;
}

/** Undefined before activation and after deactivation. */
export function trainingManager(): TrainingManager | undefined {
  return current;
}
