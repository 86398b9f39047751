import { calibrateCommand } from './calibrate';
import { completionCommand } from './completion';
import { configCommand } from './config';
import type { CommandDefinition } from './define-command';
import { draftsCommand } from './drafts';
import { forgetCommand } from './forget';
import { historyCommand } from './history';
import { initCommand } from './init';
import { outcomeCommand } from './outcome';
import { questionsCommand } from './questions';
import { rescoreCommand } from './rescore';
import { runCommand } from './run';
import { showCommand } from './show';
import { templateCommand } from './template';
import { validateCommand } from './validate';

/** Every command, in the order `clientfit --help` lists them. */
export const commands: readonly CommandDefinition[] = [
  runCommand,
  historyCommand,
  showCommand,
  outcomeCommand,
  calibrateCommand,
  rescoreCommand,
  draftsCommand,
  forgetCommand,
  templateCommand,
  questionsCommand,
  validateCommand,
  configCommand,
  initCommand,
  completionCommand,
];
