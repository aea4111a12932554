// The .nnjson file model: load, save and inspect documents.

export * from './types';
export { loadModel } from './parse';
export { serializeModel } from './serialize';
export { denseLayers, parameterCount, outputSize, type DenseInfo } from './layers';
export { pointerToPath, parsePointer, toPointer, type PathSegment } from './pointer';
export { locate, type TextLocation } from './locate';
export { MAX_PARAMETERS, MAX_UNITS } from './limits';
