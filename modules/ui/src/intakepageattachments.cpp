// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// The intake page's files: attached per material, previewed, removed, and
// named in the outcome's payload with how each material was provided.
#include "intakepage_p.h"

namespace ow::ui {

using namespace Internal;

// ---- attachments ------------------------------------------------------------

QString IntakePage::Private::currentMaterialCode() const
{
    const QTreeWidgetItem *row = materials->currentItem();
    return row ? row->data(NameColumn, CodeRole).toString() : QString();
}

void IntakePage::Private::showAttachments()
{
    attachmentList->clear();
    const QTreeWidgetItem *row = materials->currentItem();
    const bool chosen = row != nullptr;
    addFileButton->setEnabled(chosen);
    if (!chosen) {
        attachmentsTitle->setText(
            application.isNull() ? QString() : Tr::tr("Choose a material above to attach files to it."));
        removeFileButton->setEnabled(false);
        previewFileButton->setEnabled(false);
        return;
    }
    const QList<IntakeAttachment> files = attachments.value(currentMaterialCode());
    attachmentsTitle->setText(files.isEmpty() ? Tr::tr("Files of \"%1\": none.").arg(row->text(NameColumn))
                                              : Tr::tr("Files of \"%1\":").arg(row->text(NameColumn)));
    for (const IntakeAttachment &file : files) {
        auto *entry = new QListWidgetItem(attachmentIcon(db, file, attachmentList->iconSize()), file.fileName,
                                          attachmentList);
        entry->setToolTip(file.summary());
        entry->setData(CodeRole, file.sha256);
    }
    if (attachmentList->count() > 0)
        attachmentList->setCurrentRow(0);
    removeFileButton->setEnabled(attachmentList->count() > 0);
    previewFileButton->setEnabled(attachmentList->count() > 0);
}

void IntakePage::Private::addAttachmentFiles()
{
    const QString code = currentMaterialCode();
    if (code.isEmpty()) {
        attachmentStatus->setText(errorHtml(Tr::tr("Choose the material the files belong to first.")));
        return;
    }
    const QStringList paths = chooseFiles
        ? chooseFiles(q)
        : QFileDialog::getOpenFileNames(
            q, Tr::tr("Attach files to %1").arg(materials->currentItem()->text(NameColumn)), QString(),
            Tr::tr("Scans and PDF documents (*.png *.jpg *.jpeg *.pdf)"));
    if (paths.isEmpty())
        return;
    QStringList problems;
    int added = 0;
    QList<IntakeAttachment> &list = attachments[code];
    for (const QString &path : paths) {
        QString error;
        const auto file = storeAttachmentFile(db, path, &error);
        if (!file) {
            problems.append(errorHtml(error));
            continue;
        }
        const bool already = std::any_of(list.cbegin(), list.cend(),
                                         [&](const IntakeAttachment &a) { return a.sha256 == file->sha256; });
        if (already) {
            problems.append(
                errorHtml(Tr::tr("%1 is already attached to this material.").arg(file->fileName)));
            continue;
        }
        list.append(*file);
        ++added;
    }
    if (list.isEmpty())
        attachments.remove(code);
    if (added > 0)
        problems.prepend(okHtml(Tr::tr("%n file(s) attached.", nullptr, added)));
    attachmentStatus->setText(problems.join(QStringLiteral("<br/>")));
    updateProvided(materials->currentItem());
    showAttachments();
    if (added > 0) {
        attachmentList->setCurrentRow(attachmentList->count() - 1);
        changed();
    }
}

void IntakePage::Private::removeAttachment()
{
    const QListWidgetItem *entry = attachmentList->currentItem();
    const QString code = currentMaterialCode();
    if (!entry || code.isEmpty())
        return;
    const int row = attachmentList->currentRow();
    const QString sha256 = entry->data(CodeRole).toString();
    QList<IntakeAttachment> &list = attachments[code];
    QString name;
    list.removeIf([&](const IntakeAttachment &a) {
        if (a.sha256 != sha256)
            return false;
        name = a.fileName;
        return true;
    });
    if (list.isEmpty())
        attachments.remove(code);
    // The bytes stay in the store: another case may cite the same file.
    attachmentStatus->setText(Tr::tr("%1 was removed from the material.").arg(name).toHtmlEscaped());
    updateProvided(materials->currentItem());
    showAttachments();
    if (attachmentList->count() > 0) {
        attachmentList->setCurrentRow(std::min(row, attachmentList->count() - 1));
        attachmentList->setFocus();
    } else {
        materials->setFocus();
    }
    changed();
}

void IntakePage::Private::previewAttachment()
{
    const QListWidgetItem *entry = attachmentList->currentItem();
    if (!entry)
        return;
    const QString sha256 = entry->data(CodeRole).toString();
    for (const IntakeAttachment &file : attachments.value(currentMaterialCode())) {
        if (file.sha256 != sha256)
            continue;
        auto *preview = new IntakeAttachmentPreview(db, file, q);
        preview->setAttribute(Qt::WA_DeleteOnClose);
        preview->show();
        return;
    }
}

QJsonObject IntakePage::Private::materialsPayload() const
{
    const QStringList received = receivedMaterials();
    QJsonArray provided;
    QJsonArray files;
    for (int i = 0; i < materials->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *row = materials->topLevelItem(i);
        const QString code = row->data(NameColumn, CodeRole).toString();
        QJsonObject entry {{QStringLiteral("code"), code}, {QStringLiteral("name"), row->text(NameColumn)}};
        const QString number = row->data(NameColumn, SharedRole).toString();
        bool any = false;
        if (!number.isEmpty() && received.contains(code)) {
            for (const HeldLicence &licence : held) {
                if (licence.number != number)
                    continue;
                entry.insert(QStringLiteral("sharedLicence"),
                             QJsonObject {{QStringLiteral("type"), licence.type},
                                          {QStringLiteral("name"), licence.name},
                                          {QStringLiteral("number"), licence.number},
                                          {QStringLiteral("caseNumber"), licence.caseNumber}});
                any = true;
                break;
            }
        }
        QJsonArray hashes;
        for (const IntakeAttachment &file : attachments.value(code)) {
            hashes.append(file.sha256);
            QJsonObject cited = file.toJson();
            cited.insert(QStringLiteral("material"), code);
            files.append(cited);
        }
        if (!hashes.isEmpty()) {
            entry.insert(QStringLiteral("attachments"), hashes);
            any = true;
        }
        if (any)
            provided.append(entry);
    }
    QJsonObject payload;
    if (!provided.isEmpty())
        payload.insert(QStringLiteral("materialsProvided"), provided);
    if (!files.isEmpty())
        payload.insert(QStringLiteral("attachments"), files);
    return payload;
}

} // namespace ow::ui
