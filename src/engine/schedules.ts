// Learning-rate schedules, as a function of the number of completed epochs
// (0 during the first epoch).

import type { ScheduleSpec } from '../model/types';

/**
 * constant: η. step: η·γ^⌊epoch/stepSize⌋. exponential: η·γ^epoch.
 */
export function learningRateAt(base: number, schedule: ScheduleSpec | undefined, epoch: number): number {
  if (schedule === undefined) return base;
  switch (schedule.type) {
    case 'constant':
      return base;
    case 'step':
      return base * Math.pow(schedule.gamma, Math.floor(epoch / schedule.stepSize));
    case 'exponential':
      return base * Math.pow(schedule.gamma, epoch);
    default: {
      const unknown: never = schedule;
      throw new RangeError(`unknown schedule ${JSON.stringify(unknown)}`);
    }
  }
}
