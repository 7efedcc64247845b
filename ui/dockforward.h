// SPDX-License-Identifier: Apache-2.0
#pragma once

class QDockWidget;

// Shows a dock in front of the docks it shares a tab bar with (what a View menu entry means),
// at least `wantedHeight` tall (at most half the window) so its table shows more than a few rows.
void bringDockForward(QDockWidget *dock, int wantedHeight);
