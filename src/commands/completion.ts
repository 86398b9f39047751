import { Command } from '@commander-js/extra-typings';
import { completeCommandName } from './complete';
import { choiceArgument, defineCommand } from './define-command';

export type Shell = 'bash' | 'zsh' | 'fish';

// Each script asks clientfit itself what to offer (`clientfit __complete LINE`,
// see complete.ts), so draft ids, record ids, question ids and answers come
// from the drafts folder, the store and the bank in use at the moment of
// asking. The reply is `:files` (offer file names) or one candidate a line,
// with its description after the first space.

const bash = `# bash completion for clientfit
# It needs nothing but bash (no bash-completion package). Install it one way:
#   with the bash-completion package:
#     clientfit completion bash > ~/.local/share/bash-completion/completions/clientfit
#   without it, this line in ~/.bashrc:
#     source <(clientfit completion bash)
_clientfit() {
  local line="\${COMP_LINE:0:COMP_POINT}"
  local word="\${line##*[[:space:]]}"
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  local IFS=$'\\n'
  local -a out
  out=($(clientfit ${completeCommandName} "$line" 2>/dev/null))
  if [[ "\${out[0]}" == ":files" ]]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
    return
  fi
  COMPREPLY=("\${out[@]%% *}")
  # bash ends its word at "=" and ":": drop what it already has before the word it completes.
  if [[ "$word" == *[=:]* ]]; then
    local typed="\${word%"\${word##*[=:]}"}"
    COMPREPLY=("\${COMPREPLY[@]#"$typed"}")
  fi
  if [[ \${#COMPREPLY[@]} -gt 0 && "\${COMPREPLY[0]}" == *= ]]; then compopt -o nospace 2>/dev/null; fi
  return 0
}
complete -F _clientfit clientfit
`;

const zsh = `#compdef clientfit
# zsh completion for clientfit
# Install: clientfit completion zsh > "\${fpath[1]}/_clientfit"   (then restart zsh)
_clientfit() {
  local -a out open closed open_shown closed_shown
  local c value
  out=("\${(@f)$(clientfit ${completeCommandName} "\${(j: :)words[1,CURRENT]}" 2>/dev/null)}")
  if [[ "\${out[1]}" == ":files" ]]; then
    _files
    return
  fi
  for c in "\${out[@]}"; do
    [[ -z "$c" ]] && continue
    value="\${c%% *}"
    # "id=" waits for its value: no space after it.
    if [[ "$value" == *= ]]; then
      open+=("$value"); open_shown+=("\${c/ / -- }")
    else
      closed+=("$value"); closed_shown+=("\${c/ / -- }")
    fi
  done
  (( \${#open} )) && compadd -S '' -l -d open_shown -- "\${open[@]}"
  (( \${#closed} )) && compadd -l -d closed_shown -- "\${closed[@]}"
  return 0
}
_clientfit "$@"
`;

const fish = `# fish completion for clientfit
# Install: clientfit completion fish > ~/.config/fish/completions/clientfit.fish
function __clientfit_complete
    set -l out (clientfit ${completeCommandName} (commandline -cp) 2>/dev/null)
    if test "$out[1]" = ':files'
        __fish_complete_path (commandline -ct)
        return
    end
    for c in $out
        set -l parts (string split -m 1 ' ' -- $c)
        if set -q parts[2]
            printf '%s\\t%s\\n' $parts[1] $parts[2]
        else
            printf '%s\\n' $parts[1]
        end
    end
end
complete -c clientfit -f -a '(__clientfit_complete)'
`;

/** `clientfit completion SHELL`: a completion script that asks clientfit what to offer. */
export function completion(shell: Shell): string {
  return { bash, zsh, fish }[shell];
}

/** `clientfit completion SHELL`: a completion script. */
export const completionCommand = defineCommand(
  () =>
    new Command('completion')
      .description('print a shell completion script (see the README for installing it)')
      .addArgument(choiceArgument('<shell>', 'the shell', ['bash', 'zsh', 'fish']))
      .addHelpText(
        'after',
        `
  Each script says how to install it in its first lines. bash needs no
  bash-completion package: \`source <(clientfit completion bash)\` in ~/.bashrc
  does it; with the package, write the script to
  ~/.local/share/bash-completion/completions/clientfit.`,
      ),
  (shell, _options, { io }) => {
    io.stdout.write(completion(shell));
    return Promise.resolve();
  },
);
