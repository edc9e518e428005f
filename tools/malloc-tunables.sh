# Sourced (bash) wherever MLSeg starts a process: the ./mlseg launcher, the notebook kernel spec
# (notebooks/setup-kernel.sh) and the benchmark scripts. Puts glibc's malloc on transparent huge pages, a tunable read
# only when a process starts (MLSeg sets the malloc thresholds itself at engine load): 15-35 % faster CPU training at
# 256^2 with flat RSS between steps (docs/BENCHMARKS.md, "malloc"). MLSEG_MALLOC_TUNING=0, or a glibc.malloc.hugetlb
# the user already set, leaves GLIBC_TUNABLES alone; other tunables the user set are kept.
if [ "${MLSEG_MALLOC_TUNING:-1}" != "0" ] && [[ ":${GLIBC_TUNABLES:-}:" != *":glibc.malloc.hugetlb="* ]]; then
  export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1"
fi
