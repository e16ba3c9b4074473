#!/usr/bin/env bash
# Runs every test of the solution (Release). Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet test Alpha.slnx -c Release --nologo "$@"
