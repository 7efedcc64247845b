// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "loadtester.h"

#include <QJsonObject>
#include <QString>

// What `switchboard-cli bench` prints: the live line on standard error, and the summary as
// text or as one JSON object.
namespace LoadTest {

QString progressLine(const Progress &progress);
QString summaryText(const Settings &settings, const Results &results);
// Keys p50, p90, p99, p999, max (milliseconds), lost, duplicates, the rates and the
// connections, and the latency histogram's buckets, so that runs can be merged.
QJsonObject summaryJson(const Settings &settings, const Results &results);

} // namespace LoadTest
