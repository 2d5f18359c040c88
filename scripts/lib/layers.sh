# The direction of dependencies inside `app/src` (see ARCHITECTURE.md, "Layers"):
#   domain  <-  model  <-  i18n
#                      <-  server  <-  api  <-  ui
# A layer names only layers to its left. `check_layers` prints every `crate::<layer>` a file
# names against that direction, and fails if there is one.

# layer: the layers it must not name.
declare -A FORBIDDEN_LAYERS=(
  [domain]="model i18n server api ui"
  [model]="i18n server api ui"
  [i18n]="server api ui"
  [server]="api ui"
  [api]="ui"
  [ui]="server"
)

check_layers() {
  local root="$REPO_ROOT/app/src" layer forbidden pattern found="" hits
  for layer in "${!FORBIDDEN_LAYERS[@]}"; do
    forbidden=${FORBIDDEN_LAYERS[$layer]// /|}
    # `crate::api::…`, and the grouped form `crate::{api, …}`.
    pattern="crate::(\{[^}]*\b)?($forbidden)\b"
    if hits=$(grep -rnE "$pattern" "$root/$layer" --include='*.rs'); then
      found="$found$hits"$'\n'
    fi
  done
  if [ -n "$found" ]; then
    printf '%s' "$found" | sed "s|^$root/||" >&2
    echo "these files name a layer above their own (the direction is domain <- model <- i18n, server <- api <- ui)" >&2
    return 1
  fi
  echo "every module of app/src names only the layers below it"
}
