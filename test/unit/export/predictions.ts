// Our own predictions on raw input rows: the stored scaling, then the network.

import { networkFromModel } from '../../../src/model/network';
import { scaleInputs } from '../../../src/model/samples';
import type { NnModel } from '../../../src/model/types';

export function ourPredictions(model: NnModel, rows: number[][]): number[][] {
  return networkFromModel(model).predict(scaleInputs(model, rows));
}
