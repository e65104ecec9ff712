// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/catalog/catalog.h"
#include "ow/catalog/catalog_export.h"

#include <QList>
#include <QString>

#include <optional>

namespace ow::catalog {

// One thing wrong with a catalogue document. The path is a JSON path in the
// document (`items[3].materials[1].code`, `$` for the document as a whole)
// and is never translated; the message is.
struct OW_CATALOG_EXPORT Problem
{
    QString path;
    QString message;

    QString toString() const; // "path: message"
    bool operator==(const Problem &other) const = default;
};

// Either a complete catalogue or every problem found, never both.
struct LoadResult
{
    std::optional<Catalog> catalog;
    QList<Problem> problems;

    bool isValid() const { return catalog.has_value(); }
};

// Reads and validates catalogue documents (schema: catalog.schema.json). It
// checks the shape of every member, then what a schema cannot say: unique
// codes, references to departments, items and certificate types, promised
// within legal time limits, JSONLogic rules and bundle merges. It reports
// every problem in one go so an author fixes a document in one round.
class OW_CATALOG_EXPORT CatalogLoader
{
public:
    static LoadResult load(const QByteArray &document);
    static LoadResult loadFile(const QString &fileName);
    // The demo catalogue embedded in the library.
    static LoadResult loadDemo();

    static QString demoCatalogPath(); // a Qt resource path
    static QString schemaPath();
};

} // namespace ow::catalog
