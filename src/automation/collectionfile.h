// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "collection.h"

#include <QByteArray>
#include <QString>

#include <optional>

// The collection file format (docs/collection-format.md): one pretty-printed JSON document
// per collection, keys in a stable (sorted) order, one value per line, a multi-line payload as
// an array of its lines, so that a change to one entry is a change to a few lines in git.
namespace CollectionFile {

// The newest version this build reads and writes. Version 2 added script entries; a file is
// written as version 1 when it has none, so that older builds still read it.
constexpr int Version = 2;

// Why a file did not load: where (line and column from 1, 0 when not known) and what.
struct LoadError
{
    QString fileName;
    int line = 0;
    int column = 0;
    QString reason;
    // "demo.json:12:9: the QoS must be 0, 1 or 2"
    QString text() const;
};

QByteArray toJson(const Collection &collection);
// fileName names the file in errors. A collection without "name" takes the file's base name.
std::optional<Collection> fromJson(const QByteArray &json, const QString &fileName,
                                   LoadError *error);

std::optional<Collection> read(const QString &path, LoadError *error);
// Written whole or not at all (QSaveFile); false with *error saying why.
bool write(const Collection &collection, const QString &path, QString *error);

} // namespace CollectionFile
