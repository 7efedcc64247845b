// SPDX-License-Identifier: Apache-2.0
// Compiled only by the privacy checks (tests/privacy/CMakeLists.txt): one include, as a file
// of ui/, src/models/ or app/ would write it.
#include SWITCHBOARD_CHECKED_HEADER

int includeCheck()
{
    return 0;
}
