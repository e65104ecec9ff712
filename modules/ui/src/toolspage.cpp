// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/toolspage.h"
#include "ow/ui/calibrationdialog.h"
#include "ow/ui/verifycertificatedialog.h"
#include "ow/ui/tr.h"

#include "ui_toolspage.h"

#include <ow/core/idcardnumber.h>
#include <ow/core/socialcreditcode.h>

#include <QLocale>

namespace ow::ui {

namespace {
enum IdentityKind { IdCard, CreditCode };

QString okText(const QString &text)
{
    return QStringLiteral("<span style=\"color:#1b873f\">✔</span> ") + text;
}

QString errorText(const QString &text)
{
    return QStringLiteral("<span style=\"color:#b3261e\">✘ %1</span>").arg(text.toHtmlEscaped());
}
} // namespace

ToolsPage::ToolsPage(core::WorkingCalendar calendar, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<::Ui::ToolsPage>())
    , m_calendar(std::move(calendar))
{
    m_ui->setupUi(this);
    m_ui->identityKindComboBox->addItem(Tr::tr("Resident ID card number"), IdCard);
    m_ui->identityKindComboBox->addItem(Tr::tr("Unified social credit code"), CreditCode);
    m_ui->startDateEdit->setDate(QDate::currentDate());
    connect(m_ui->identityNumberLineEdit, &QLineEdit::textChanged, this, &ToolsPage::checkIdentity);
    connect(m_ui->identityKindComboBox, &QComboBox::currentIndexChanged, this, &ToolsPage::checkIdentity);
    connect(m_ui->startDateEdit, &QDateEdit::dateChanged, this, &ToolsPage::computeDeadline);
    connect(m_ui->workingDaysSpinBox, &QSpinBox::valueChanged, this, &ToolsPage::computeDeadline);
    connect(m_ui->verifyCertificatePushButton, &QPushButton::clicked, this, [this] {
        auto *dialog = new VerifyCertificateDialog(m_catalog, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    connect(m_ui->calibratePrinterPushButton, &QPushButton::clicked, this, [this] {
        auto *dialog = new CalibrationDialog(m_db, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    computeDeadline();
}

ToolsPage::~ToolsPage() = default;

void ToolsPage::setCertificateTools(const QSqlDatabase &db, const catalog::Catalog &catalog, bool canCalibrate)
{
    m_db = db;
    m_catalog = catalog;
    m_ui->certificatesGroupBox->setVisible(true);
    m_ui->calibratePrinterPushButton->setVisible(canCalibrate);
}

void ToolsPage::checkIdentity()
{
    const QString input = m_ui->identityNumberLineEdit->text();
    if (input.trimmed().isEmpty()) {
        m_ui->identityResultLabel->clear();
        return;
    }
    const bool idCard = m_ui->identityKindComboBox->currentData().toInt() == IdCard;
    m_ui->identityResultLabel->setText(idCard ? describeIdCard(input) : describeCreditCode(input));
}

QString ToolsPage::describeIdCard(const QString &input) const
{
    const auto check = core::IdCardNumber::parse(input);
    if (!check.isValid())
        return errorText(check.message());
    const core::IdCardNumber number = check.number();
    QString text = okText(Tr::tr("Valid: %1<br>Born %2, %3, issued in %4 (%5)")
                              .arg(number.toString(),
                                   QLocale().toString(number.birthDate(), QLocale::LongFormat),
                                   core::IdCardNumber::sexName(number.sex()), number.provinceName(),
                                   number.regionCode()));
    if (!number.legacyNumber().isEmpty())
        text += QStringLiteral("<br>")
                + Tr::tr("Upgraded from the 15-digit number %1.").arg(number.legacyNumber());
    return text;
}

QString ToolsPage::describeCreditCode(const QString &input) const
{
    const auto check = core::SocialCreditCode::parse(input);
    if (!check.isValid())
        return errorText(check.message());
    const core::SocialCreditCode code = check.code();
    return okText(Tr::tr("Valid: %1<br>Registered with %2 as %3; region %4, organisation code %5")
                      .arg(code.toString(), code.registrationAuthority(), code.organisationType(),
                           code.regionCode(), code.organisationCode()));
}

void ToolsPage::computeDeadline()
{
    const QDate start = m_ui->startDateEdit->date();
    const int days = m_ui->workingDaysSpinBox->value();
    int missingYear = 0;
    const auto deadline = m_calendar.addWorkingDays(start, days, &missingYear);
    if (!deadline) {
        m_ui->deadlineResultLabel->setText(errorText(core::WorkingCalendar::missingYearMessage(missingYear)));
        return;
    }
    const int calendarDays = int(start.daysTo(*deadline));
    m_ui->deadlineResultLabel->setText(
        okText(Tr::tr("Ends on %1, %n calendar day(s) after acceptance.", nullptr, calendarDays)
                   .arg(QLocale().toString(*deadline, QLocale::LongFormat))));
}

} // namespace ow::ui
