import { existsSync } from 'node:fs';
import { configPath } from '../io/config-file';
import { configRenderers } from '../render/config';
import { defineCommand } from './define-command';

/** `clientfit config`: each effective setting and where it came from. */
export const configCommand = defineCommand({
  name: 'config',
  description: 'show each effective setting and where it came from (flag, environment, config file, default)',
  flags: [{ flags: '--json', description: 'as JSON' }],
  action(options, { io, settingsFor, styleFor }) {
    const settings = settingsFor();
    const file = configPath(io.env);
    const view = { settings, file, fileExists: existsSync(file) };
    io.stdout.write(configRenderers[options.json === true ? 'json' : 'text'](view, styleFor(settings, io.stdout)));
  },
});
