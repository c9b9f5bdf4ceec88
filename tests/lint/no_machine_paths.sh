#!/bin/sh
# Fails when a file of the repository names a path that exists only on a
# development machine: an absolute /work/, /home/, /root/ or /tmp/ path, or
# the project's shared folder beside the checkout (../shared, shared/contracts,
# ...). The repository must work from a fresh clone anywhere: the contract is
# docs/contracts/, temporary files go to the system's temporary directory,
# and data kept outside the repository is named by an environment variable.
#
# Usage: no_machine_paths.sh SOURCE_DIR
# Reads the files git tracks when SOURCE_DIR is a git checkout, else every
# file under it (build folders left out). Prints file:line: text for each
# hit and exits 1, or exits 0.
set -eu
root=${1:?usage: no_machine_paths.sh SOURCE_DIR}
cd "$root"
self=tests/lint/no_machine_paths.sh

# The patterns are spelled in pieces so that this file does not match them.
machine='(^|[^[:alnum:]_.~$/-])/(wo''rk|ho''me|ro''ot|t''mp)/'
shared='\.\./sh''ared|(^|[^[:alnum:]_])sh''ared/(contracts|gold|seeds|tools)/'

list_files() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1 &&
     [ "$(git rev-parse --show-toplevel)" = "$(pwd -P)" ]; then
    git ls-files -z
  else
    find . \( -name .git -o -name 'build' -o -name 'build-*' \) -prune -o -type f -print0 |
      sed -z 's|^\./||'
  fi
}

hits=$(list_files | grep -zv "^$self\$" | xargs -0 -r grep -nIE -e "$machine" -e "$shared" -- || true)
if [ -n "$hits" ]; then
  echo "$hits"
  echo
  echo "FAIL: the lines above name a path of a development machine (/work/, /home/, /root/,"
  echo "/tmp/ as a fixed path, or the shared folder beside the checkout). Point to the"
  echo "repository's own copy (docs/contracts/), use the temporary directory of the system,"
  echo "or name an environment variable instead."
  exit 1
fi
echo "no machine paths in $(list_files | tr -cd '\0' | wc -c) files"
