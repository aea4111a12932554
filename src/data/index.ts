// Public face of the data module: built-in sets, file parsing, splits, scaling, metrics.
export { DataError, type BuiltinInfo, type ColumnMapping, type SampleSet } from './types';
export { BUILTIN_DATASETS, findBuiltin, generateBuiltin } from './builtins';
export { loadIris, loadMnist } from './real';
export { createCsvStreamParser, parseCsv, previewCsv, type CsvProgress, type CsvStreamParser } from './csv';
export { parseJsonData } from './json';
export { selectSamples, splitIndices, splitSamples } from './split';
export { dataPreview, PREVIEW_ROWS, type DataPreview, type PreviewOptions } from './preview';
export { applyNormalization, fitNormalization } from './normalize';
export { checkShapes, fitClassesToOutputs } from './shapes';
export { accuracyOf, confusionMatrix, meanAbsoluteError, rSquared } from './metrics';
export { CHUNK_CHARACTERS, JSON_MAX_CHARACTERS, jsonTooLarge, dataTextKind, parseCsvChunks, parseDataChunks, type ChunkOptions, type DataTextKind } from './chunks';
