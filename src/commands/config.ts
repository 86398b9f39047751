import { Command } from '@commander-js/extra-typings';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { configPath } from '../io/config-file';
import { configRenderers } from '../render/config';
import { defineCommand } from './define-command';
import { reportWidth } from './text-layout';

/** `clientfit config`: each effective setting and where it came from. */
export const configCommand = defineCommand(
  () =>
    new Command('config')
      .description(
        'show each effective setting and where it came from (flag, environment, config file, ' +
          'default)',
      )
      .option('--json', 'as JSON'),
  (options, { io, settingsFor, styleFor, assessor }) => {
    const given = settingsFor();
    const file = configPath(io.env);
    const by = assessor(undefined);
    // Paths are shown as clientfit reads them (from here); a bank that names nothing is said, not left to the next command.
    // A store that does not exist yet is normal: the first save makes it.
    const bank = resolve(io.cwd, given.bank.value);
    const settings = {
      ...given,
      bank: { ...given.bank, value: bank },
      store: { ...given.store, value: resolve(io.cwd, given.store.value) },
    };
    const missing = existsSync(bank) ? [] : (['bank'] as const);
    const view = { settings, file, fileExists: existsSync(file), by, missing };
    const json = options.json === true;
    io.stdout.write(
      configRenderers[json ? 'json' : 'text'](
        view,
        styleFor(settings, io.stdout),
        reportWidth(io, true),
      ),
    );
  },
);
