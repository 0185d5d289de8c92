#!/usr/bin/env bash
# Benchmark: Vireo's model reading 200 domain XMLs, beside a bare DOM parse. Prints a table.
# Usage: releng/bench/model-parse.sh [CORPUS_DIR]   (default: ../shared/corpus beside the project)
set -euo pipefail
. "$(dirname "$0")/../setup.sh"
vireo_setup
exec "$JAVA_HOME/bin/java" -cp "$(vireo_classpath $VIREO_MODEL_BUNDLES)" "$VIREO_ROOT/releng/bench/ModelParseBenchmark.java" \
  "${1:-$VIREO_ROOT/../shared/corpus/virt-manager}"
