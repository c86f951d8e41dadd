// ResultWriter: result parts as children finish, then the SUCCEEDED/FAILED/PENDING files and manifest.json.
export { writeResultPart } from './write-part';
export { finalizeResults, type FinalizeOptions } from './finalize';
export { readManifest, buildManifest } from './manifest';
export { DEFAULT_MAX_RESULT_FILE_BYTES } from './rolling-result-file';
export { manifestKey, partKey, partsFolder, resultFileKey, runFolder } from './layout';
export type {
  ChildResultRecord,
  ChildStatus,
  FinalizeResult,
  ResultFileGroup,
  ResultFileRef,
  ResultManifest,
  ResultTarget,
  ResultWriterOutput,
} from './types';
