// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/catalog/catalog.h"
#include "ow/catalog/catalog_export.h"

namespace ow::catalog {

enum class GuideKind {
    Guide, // 办事指南, for applicants
    Manual // 业务手册, for staff: adds review points, roles, form and rules
};

// Renders an item standard as a printable document. Labels come from Tr::tr
// (so an English guide is possible); item content is data and stays as
// published.
class OW_CATALOG_EXPORT Guide
{
public:
    static QString html(const Catalog &catalog, const ServiceItem &item, GuideKind kind);
    // A4 PDF with page numbers. Lays out text, so it needs a QGuiApplication
    // (the offscreen platform is enough). False and `error` on failure.
    static bool writePdf(const Catalog &catalog, const ServiceItem &item, GuideKind kind,
                         const QString &fileName, QString *error = nullptr);

    // Set explicitly: Qt's fallback may otherwise pick a font without CJK glyphs.
    static QString fontFamily();
};

} // namespace ow::catalog
