// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

// Files a clerk attaches to a material at intake: checked, kept content-
// addressed in the encrypted store (so sync uploads them before the events
// that cite them), shown as thumbnails and previewed.

#include <QDialog>
#include <QIcon>
#include <QImage>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace ow::ui::Internal {

struct IntakeAttachment
{
    QString sha256;
    QString mediaType; // image/png, image/jpeg or application/pdf
    QString fileName; // as it was on disk, without its folder
    qint64 size = 0;
    int pages = 0; // PDFs: page count; 0 unknown

    bool isPdf() const { return mediaType == QLatin1String("application/pdf"); }
    // "name (1.2 MB, 3 pages)" for the clerk.
    QString summary() const;
    QJsonObject toJson() const;
    static std::optional<IntakeAttachment> fromJson(const QJsonObject &json);
};

// The media types attachments may have, told by their first bytes (not the
// file name, which may lie); empty for anything else.
QString sniffMediaType(const QByteArray &head);

// Reads the file, checks its size and type and that it opens, and stores it.
// On refusal returns nothing, stores nothing and says why in *error.
std::optional<IntakeAttachment> storeAttachmentFile(const QSqlDatabase &db, const QString &path,
                                                    QString *error);

// The attachment drawn to fit `bound`: an image scaled, a PDF's first page;
// a null image where it cannot be drawn. *pages receives a PDF's page count.
QImage renderAttachment(const QByteArray &bytes, const QString &mediaType, const QSize &bound,
                        int *pages = nullptr, int page = 0);

// A thumbnail for lists: the rendered file, or a document icon.
QIcon attachmentIcon(const QSqlDatabase &db, const IntakeAttachment &attachment, const QSize &size);

// Shows one attachment large enough to read, with its name, size and pages.
class IntakeAttachmentPreview : public QDialog
{
public:
    IntakeAttachmentPreview(const QSqlDatabase &db, const IntakeAttachment &attachment,
                            QWidget *parent = nullptr);
};

} // namespace ow::ui::Internal
