import type { Command } from 'commander';
import { defineCommand } from './define-command';

export type Shell = 'bash' | 'zsh' | 'fish';

interface CommandInfo {
  readonly name: string;
  readonly description: string;
  readonly options: readonly { readonly flag: string; readonly description: string; readonly takesValue: boolean; readonly choices: readonly string[] }[];
}

function describeCommands(program: Command): CommandInfo[] {
  return program.commands
    .filter((c) => c.name() !== 'help')
    .map((c) => ({
      name: c.name(),
      description: c.description(),
      options: c.options
        .filter((o) => o.long !== undefined)
        .map((o) => ({ flag: o.long ?? '', description: o.description, takesValue: o.required || o.optional, choices: o.argChoices ?? [] })),
    }));
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, "'\\''")}'`;

function bash(commands: CommandInfo[]): string {
  const cases = commands
    .map((c) => {
      const valued = c.options.filter((o) => o.takesValue);
      const choiceCases = valued
        .filter((o) => o.choices.length > 0)
        .map((o) => `        ${o.flag}) COMPREPLY=($(compgen -W ${shellQuote(o.choices.join(' '))} -- "$cur")); return ;;`)
        .join('\n');
      const fileCases = valued.some((o) => o.choices.length === 0)
        ? `        ${valued
            .filter((o) => o.choices.length === 0)
            .map((o) => o.flag)
            .join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`
        : '';
      return `    ${c.name})\n      case "$prev" in\n${[choiceCases, fileCases].filter((s) => s !== '').join('\n')}\n      esac\n      opts=${shellQuote(c.options.map((o) => o.flag).join(' '))} ;;`;
    })
    .join('\n');
  return `# bash completion for clientfit
# Install: clientfit completion bash > ~/.local/share/bash-completion/completions/clientfit
_clientfit() {
  local cur prev opts=""
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${shellQuote(`${commands.map((c) => c.name).join(' ')} help --help --version --color --no-color`)} -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _clientfit clientfit
`;
}

const zshEscape = (text: string): string => text.replace(/[[\]:']/g, (ch) => (ch === "'" ? "'\\''" : `\\${ch}`));

function zsh(commands: CommandInfo[]): string {
  const list = commands.map((c) => `    '${zshEscape(c.name)}:${zshEscape(c.description)}'`).join('\n');
  const cases = commands
    .map((c) => {
      const specs = c.options.map((o) => {
        const action = o.takesValue ? (o.choices.length > 0 ? `:value:(${o.choices.join(' ')})` : ':file:_files') : '';
        return `'${o.flag}[${zshEscape(o.description)}]${action}'`;
      });
      return `    ${c.name}) _arguments ${specs.join(' ')} '*:file:_files' ;;`;
    })
    .join('\n');
  return `#compdef clientfit
# zsh completion for clientfit
# Install: clientfit completion zsh > "\${fpath[1]}/_clientfit"   (then restart zsh)
_clientfit() {
  local -a commands
  commands=(
${list}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case $words[2] in
${cases}
  esac
}
_clientfit "$@"
`;
}

const fishEscape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");

function fish(commands: CommandInfo[]): string {
  const lines = [
    '# fish completion for clientfit',
    '# Install: clientfit completion fish > ~/.config/fish/completions/clientfit.fish',
    'complete -c clientfit -f',
  ];
  for (const c of commands) lines.push(`complete -c clientfit -n '__fish_use_subcommand' -a ${c.name} -d '${fishEscape(c.description)}'`);
  for (const c of commands) {
    for (const o of c.options) {
      const value = o.takesValue ? (o.choices.length > 0 ? ` -x -a '${o.choices.join(' ')}'` : ' -r -F') : '';
      lines.push(`complete -c clientfit -n '__fish_seen_subcommand_from ${c.name}' -l ${o.flag.replace(/^--/, '')}${value} -d '${fishEscape(o.description)}'`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `clientfit completion SHELL`: a completion script built from the commands and flags themselves. */
export function completion(program: Command, shell: Shell): string {
  const commands = describeCommands(program);
  return shell === 'bash' ? bash(commands) : shell === 'zsh' ? zsh(commands) : fish(commands);
}

/** `clientfit completion SHELL`: a completion script. */
export const completionCommand = defineCommand({
  name: 'completion',
  description: 'print a shell completion script (see the README for installing it)',
  arguments: [{ name: '<shell>', description: 'the shell', choices: ['bash', 'zsh', 'fish'] }],
  action(options, { io, program }) {
    io.stdout.write(completion(program, options.shell));
    return Promise.resolve();
  },
});
