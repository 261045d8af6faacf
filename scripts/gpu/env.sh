# Sourced by the GPU scripts: the enr command on a GPU host staged with ../shared/gpu/pack (see scripts/gpu/README.md).
# When the JVM dies on a native fault, the top frames of its crash report are printed and the report is kept in $OUT.
J=${ENR_JAVA:-/tmp/enr-gpu/java}
CP=${ENR_CP:-"target/classes:target/lib/*:.gpu/jars/*"}
OUT=${OUT:-/tmp/enr-out}
mkdir -p "$OUT"
enr() {
  "$J" -XX:ErrorFile=/tmp/enr-crash-%p.log -cp "$CP" enr4j.cli.Main "$@" 2> >(grep -v '^WARNING' >&2)
  local rc=$?
  if [ $rc -ge 128 ]; then
    local report
    report=$(ls -t /tmp/enr-crash-*.log 2>/dev/null | head -1)
    if [ -n "$report" ]; then
      echo "enr $1 crashed (exit $rc); top of $report:" >&2
      grep -E "^(# Problematic frame|# +(C|J|j|V)  |Current thread|C  \[|J [0-9]|j  |v  ~|Java frames)" "$report" | head -40 >&2
      cp "$report" "$OUT/" 2>/dev/null
    fi
  fi
  return $rc
}

# latest_run NAME: the newest run folder under /tmp/runs-NAME; keep_summary NAME DIR: the end of DIR/train_NAME.log
# as DIR/train_NAME.txt and the run's validation losses as DIR/val_loss_NAME.json.
latest_run() { ls -d /tmp/runs-"$1"/*/ | tail -1; }
keep_summary() {
  tail -c 3000 "$2/train_$1.log" | tr '\r' '\n' | grep -v '^\s*$' | tail -6 > "$2/train_$1.txt"
  cp "$(latest_run "$1")"/val_loss_history.json "$2/val_loss_$1.json" 2>/dev/null || true
}
