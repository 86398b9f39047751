/**
 * The record store: one folder of JSON records, one file each, named by the
 * time, the prospect and a random part. What the rest of the program uses of
 * it, from the files that hold each idea: ids and writing one record
 * (save-record), listing (record-files), reading one (read-record), finding a
 * prospect's latest or a correction chain's head (latest-record), and saving
 * an assessment once, under the store's lock (save-assessment).
 */
export { newRecordId, prepareStore, saveRecord } from './save-record';
export { recordFiles, unreadableStore } from './record-files';
export type { StoreEntry } from './read-record';
export { readRecord, readRecordById } from './read-record';
export { latestOfChain, latestRecordOf } from './latest-record';
export type { SaveAssessmentOptions, SaveOutcome } from './save-assessment';
export { saveAssessment } from './save-assessment';
