import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/temp';

// Before each test file: its temporary folders go when it ends.
afterAll(removeTempDirs);
