// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QString>

// The text of a PDF as pdftotext (poppler-utils) reads it, for tests that
// check what a notice says. White space is removed (pdftotext breaks lines
// where the layout does), and so is one artefact of Qt's PDF writer: it maps
// each glyph back to the lowest code point the font gives it, so glyphs Noto
// Sans CJK shares between a radical and an ideograph come out as the radical
// (⻝ for 食, ⼈ for 人), or as a traditional variant (戶 for 户). The printed page is right; only extraction
// differs.
namespace ow::test {

inline QString normalisedPdfText(QString text)
{
    static const QHash<QChar, QChar> supplement {
        {QChar(0x2EA0), QChar(0x6C11)}, {QChar(0x2EA9), QChar(0x738B)}, {QChar(0x2EC4), QChar(0x897F)},
        {QChar(0x2EC5), QChar(0x89C1)}, {QChar(0x2EC6), QChar(0x89D2)}, {QChar(0x2EC8), QChar(0x8BA0)},
        {QChar(0x2EC9), QChar(0x8D1D)}, {QChar(0x2ECB), QChar(0x8F66)}, {QChar(0x2ED1), QChar(0x9577)},
        {QChar(0x2ED3), QChar(0x957F)}, {QChar(0x2ED4), QChar(0x95E8)}, {QChar(0x2ED8), QChar(0x9752)},
        {QChar(0x2ED9), QChar(0x97E6)}, {QChar(0x2EDA), QChar(0x9875)}, {QChar(0x2EDB), QChar(0x98CE)},
        {QChar(0x2EDC), QChar(0x98DE)}, {QChar(0x2EDD), QChar(0x98DF)}, {QChar(0x2EE2), QChar(0x9A6C)},
        {QChar(0x2EE3), QChar(0x9AA8)}, {QChar(0x2EE4), QChar(0x9B3C)}, {QChar(0x2EE5), QChar(0x9C7C)},
        {QChar(0x2EE6), QChar(0x9E1F)}, {QChar(0x2EE8), QChar(0x9EA6)}, {QChar(0x2EE9), QChar(0x9EC4)},
        {QChar(0x2EEC), QChar(0x9F50)}, {QChar(0x2EEE), QChar(0x9F7F)}, {QChar(0x2EF0), QChar(0x9F99)},
        {QChar(0x6236), QChar(0x6237)}, // 戶 → 户
    };
    text = text.normalized(QString::NormalizationForm_KC); // Kangxi radicals (U+2F00…) decompose
    for (QChar &c : text)
        c = supplement.value(c, c);
    text.remove(QRegularExpression(QStringLiteral("\\s")));
    return text;
}

inline QString pdfText(const QString &fileName)
{
    QProcess process;
    process.start(QStringLiteral("pdftotext"),
                  {QStringLiteral("-enc"), QStringLiteral("UTF-8"), fileName, QStringLiteral("-")});
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return {};
    return normalisedPdfText(QString::fromUtf8(process.readAllStandardOutput()));
}

// Copies `pdf` to $OW_TEST_KEEP_DIR as `name`.pdf, for a person to look at when asked to.
inline void keepForInspection(const QString &pdf, const QString &name)
{
    const QString keep = qEnvironmentVariable("OW_TEST_KEEP_DIR");
    if (keep.isEmpty())
        return;
    QDir().mkpath(keep);
    const QString kept = keep + QLatin1Char('/') + name + QStringLiteral(".pdf");
    QFile::remove(kept);
    QFile::copy(pdf, kept);
}

} // namespace ow::test
