// Everything the commands need, behind one dynamic import in main.ts: one
// chunk to load and link, instead of dozens of small ones. The prompt library
// stays out of it, loaded only when a prompt is shown.
export { validate } from './validate';
export { validateRenderers } from '../render/validate-report';
export { assessProspect } from './assess-prospect';
export { loadBankOrFail } from './run';
export { reportRenderers } from '../render/report';
export { drafts } from './drafts';
export { template } from './template';
export { questionsTree } from './questions';
export { history } from './history';
export { findRecord } from './show';
export { rescore } from './rescore';
export { showConfig } from './config';
export { init } from './init';
export { completion } from './completion';
export { configPath, defaultStore, readConfig } from '../io/config-file';
export { resolveSettings } from '../core/config';
export { parseDateBound } from '../core/record-filter';
export { writeFileAtomic } from '../io/write-file';
export { buildRecord } from '../core/record';
export { newRecordId, prepareStore, saveAssessment } from '../io/store';
export { bankCacheDir } from '../io/load-bank';
