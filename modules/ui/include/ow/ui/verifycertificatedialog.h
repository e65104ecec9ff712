// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <ow/catalog/catalog.h>
#include <ow/printing/certificatecode.h>

#include <QDialog>

#include <memory>

namespace Ui {
class VerifyCertificateDialog;
}

namespace ow::ui {

// 验证证照: a certificate's verification code, scanned (a scanner types it
// and presses Enter) or pasted, checked offline with the issuing
// authorities' public keys that come with the catalogue. Says 真实, 伪造,
// 无法识别 or 未知签发机关, why, and what the code states, to compare with
// the paper.
class OW_UI_EXPORT VerifyCertificateDialog : public QDialog
{
    Q_OBJECT

public:
    explicit VerifyCertificateDialog(const catalog::Catalog &catalog, QWidget *parent = nullptr);
    ~VerifyCertificateDialog() override;

    // The catalogue's authority keys by id.
    static printing::AuthorityPublicKeys keysOf(const catalog::Catalog &catalog);

    // Verifies as if `code` was scanned into the field.
    printing::CertificateCode::Verification verify(const QString &code);
    QString statusText() const;
    QString reasonText() const;
    QString fieldsText() const;

private:
    void verifyInput();

    const std::unique_ptr<::Ui::VerifyCertificateDialog> m_ui;
    catalog::Catalog m_catalog;
    printing::AuthorityPublicKeys m_keys;
};

} // namespace ow::ui
