// SPDX-License-Identifier: Apache-2.0
#include "tableviewsetup.h"

#include <QHeaderView>
#include <QTableView>

namespace TableViewSetup {

void setUniformRows(QTableView *table)
{
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setHighlightSections(false);
    table->setCornerButtonEnabled(false);
}

void fitColumn(QTableView *table, int column, int characters)
{
    const int digit = table->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const QString header = table->model()->headerData(column, Qt::Horizontal).toString();
    const int headerWidth = table->horizontalHeader()->fontMetrics().horizontalAdvance(header);
    table->setColumnWidth(column, qMax(digit * characters, headerWidth) + 14);
}

} // namespace TableViewSetup
