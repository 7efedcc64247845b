// SPDX-License-Identifier: Apache-2.0
#pragma once

class QTableView;

// What the log-like tables of the window share.
namespace TableViewSetup {

// Uniform row heights (the view never measures rows of a growing model), interactive columns
// with the last one stretched, no row header.
void setUniformRows(QTableView *table);
// A column wide enough for `characters` digits of the table's font, or for its header text.
void fitColumn(QTableView *table, int column, int characters);

} // namespace TableViewSetup
