// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/verifycertificatedialog.h"

#include "ow/ui/tr.h"

#include "ui_verifycertificatedialog.h"

#include <QLocale>
#include <QPushButton>

namespace ow::ui {

namespace {

QString dateText(const QDate &date)
{
    return date.isValid() ? date.toString(QStringLiteral("yyyy年M月d日")) : Tr::tr("no end date (long-term)");
}

QString statusColour(printing::CertificateCode::Status status)
{
    switch (status) {
    case printing::CertificateCode::Status::Genuine:
        return QStringLiteral("#1b873f");
    case printing::CertificateCode::Status::Forged:
        return QStringLiteral("#b3261e");
    case printing::CertificateCode::Status::Malformed:
    case printing::CertificateCode::Status::UnknownAuthority:
        break;
    }
    return QStringLiteral("#8a5a00");
}

QString statusName(printing::CertificateCode::Status status)
{
    switch (status) {
    case printing::CertificateCode::Status::Genuine:
        return Tr::tr("Genuine");
    case printing::CertificateCode::Status::Forged:
        return Tr::tr("Forged");
    case printing::CertificateCode::Status::Malformed:
        return Tr::tr("Unreadable");
    case printing::CertificateCode::Status::UnknownAuthority:
        return Tr::tr("Unknown issuing authority");
    }
    return {};
}

} // namespace

VerifyCertificateDialog::VerifyCertificateDialog(const catalog::Catalog &catalog, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<::Ui::VerifyCertificateDialog>())
    , m_catalog(catalog)
    , m_keys(keysOf(catalog))
{
    m_ui->setupUi(this);
    // A scanner types the code and presses Enter: verify, and keep the field
    // ready for the next certificate.
    connect(m_ui->codeLineEdit, &QLineEdit::returnPressed, this, &VerifyCertificateDialog::verifyInput);
    connect(m_ui->verifyPushButton, &QPushButton::clicked, this, &VerifyCertificateDialog::verifyInput);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setAutoDefault(false);
    if (m_keys.isEmpty())
        m_ui->reasonLabel->setText(Tr::tr(
            "The catalogue on this workstation names no issuing authority's key: codes cannot be checked "
            "until a sync brings one."));
    m_ui->codeLineEdit->setFocus();
    resize(620, 460);
}

VerifyCertificateDialog::~VerifyCertificateDialog() = default;

printing::AuthorityPublicKeys VerifyCertificateDialog::keysOf(const catalog::Catalog &catalog)
{
    printing::AuthorityPublicKeys keys;
    if (catalog.isNull())
        return keys;
    for (const catalog::AuthorityKey &key : catalog.authorityKeys())
        keys.insert(key.id, key.publicKeyPem);
    return keys;
}

void VerifyCertificateDialog::verifyInput()
{
    verify(m_ui->codeLineEdit->text());
    m_ui->codeLineEdit->selectAll();
}

printing::CertificateCode::Verification VerifyCertificateDialog::verify(const QString &code)
{
    const QString text = code.trimmed();
    if (m_ui->codeLineEdit->text() != code)
        m_ui->codeLineEdit->setText(text);
    const printing::CertificateCode::Verification result = printing::CertificateCode::verify(text, m_keys);
    m_ui->statusLabel->setText(
        QStringLiteral("<span style=\"font-size:28pt; font-weight:bold; color:%1\">%2</span>")
            .arg(statusColour(result.status), statusName(result.status).toHtmlEscaped()));
    m_ui->reasonLabel->setText(
        result.isGenuine() ? Tr::tr("Signed by the issuing authority and unchanged since.") : result.reason);
    if (!result.fields) {
        m_ui->fieldsLabel->clear();
        return result;
    }
    const printing::CertificateKeyFields &fields = *result.fields;
    const catalog::AuthorityKey *authority
        = m_catalog.isNull() ? nullptr : m_catalog.authorityKey(fields.authority);
    const catalog::Department *department = authority && !authority->department.isEmpty()
        ? m_catalog.department(authority->department)
        : nullptr;
    const QString authorityName = department
        ? QStringLiteral("%1（%2）").arg(department->name, fields.authority)
        : authority && !m_catalog.publisher().isEmpty()
        ? QStringLiteral("%1（%2）").arg(m_catalog.publisher(), fields.authority)
        : fields.authority;
    const QList<std::pair<QString, QString>> rows {
        {result.isGenuine() ? Tr::tr("Certificate number") : Tr::tr("Certificate number (claimed)"),
         fields.certificateNumber},
        {Tr::tr("Holder"), fields.holderName},
        {Tr::tr("Holder's ID or credit code"), fields.holderId},
        {Tr::tr("Valid from"), dateText(fields.validFrom)},
        {Tr::tr("Valid until"), dateText(fields.validUntil)},
        {Tr::tr("Issued on"), dateText(fields.issuedOn)},
        {Tr::tr("Issuing authority"), authorityName},
        {Tr::tr("Certificate record"), fields.certificateId},
    };
    QString html = QStringLiteral("<table cellspacing=\"4\">");
    for (const auto &[label, value] : rows)
        html += QStringLiteral("<tr><td style=\"color:#555\">%1</td><td><b>%2</b></td></tr>")
                    .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    html += QStringLiteral("</table>");
    m_ui->fieldsLabel->setText(html);
    return result;
}

QString VerifyCertificateDialog::statusText() const
{
    return m_ui->statusLabel->text();
}

QString VerifyCertificateDialog::reasonText() const
{
    return m_ui->reasonLabel->text();
}

QString VerifyCertificateDialog::fieldsText() const
{
    return m_ui->fieldsLabel->text();
}

} // namespace ow::ui
