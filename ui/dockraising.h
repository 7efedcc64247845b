// SPDX-License-Identifier: Apache-2.0
#pragma once

class QDockWidget;

namespace DockRaising {

// Shows a dock of the main window in front of the docks it shares a tab bar with, at least
// wantedHeight pixels tall (at most half the window): what View → <dock> does for the tall
// bottom docks (the packet inspector, the broker dashboard, top talkers).
void bringForward(QDockWidget *dock, int wantedHeight);

} // namespace DockRaising
