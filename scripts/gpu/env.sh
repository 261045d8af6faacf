# Sourced by the GPU scripts: the enr command on a GPU host staged with ../shared/gpu/pack (see docs/GPU.md).
J=${ENR_JAVA:-/tmp/enr-gpu/java}
CP=${ENR_CP:-"target/classes:target/lib/*:.gpu/jars/*"}
OUT=${OUT:-/tmp/enr-out}
mkdir -p "$OUT"
enr() { "$J" -cp "$CP" enr4j.cli.Main "$@" 2> >(grep -v '^WARNING' >&2); }
