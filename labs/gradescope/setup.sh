#!/bin/sh
# Gradescope runs this once, as root, when it builds the autograder's image: the autograder
# zip (labs/gradescope/make-zip) holds it, run_autograder, the lab's number (lab) and the
# reference tree (ossim/). It installs what building and grading need (bubblewrap too).
set -eu
at=${AUTOGRADER:-/autograder}
"$at/source/ossim/tools/install-deps.sh"
