// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
//
// From a certificate record to paper: the template's fields, the printer's
// calibration, and the printed event that logs every sheet.
#include "ow/ui/certificateprintjob.h"

#include "ow/ui/tr.h"

#include "handoutactor.h"

#include <ow/cases/event.h>
#include <ow/core/workingcalendar.h>
#include <ow/printing/certificatecode.h>
#include <ow/printing/certificaterecord.h>
#include <ow/storage/casejournal.h>
#include <ow/storage/settingsrepository.h>
#include <ow/storage/stockrepository.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPageLayout>
#include <QPainter>
#include <QPrinter>
#include <QPrinterInfo>
#include <QRegularExpression>

#include <utility>

namespace ow::ui {

namespace {

constexpr qreal mmPerInch = 25.4;

} // namespace

QString PrintTarget::logName() const
{
    return isPdf() ? pdfLogName() : printerName;
}

CertificatePrintJob::CertificatePrintJob(const QSqlDatabase &db, const Session &session,
                                         const catalog::Catalog &catalog)
    : m_db(db)
    , m_session(session)
    , m_catalog(catalog)
{ }

bool CertificatePrintJob::fail(const QString &message) const
{
    m_lastError = message;
    return false;
}

printing::CertificateFields CertificatePrintJob::fields(const storage::CertificateRow &row,
                                                        const catalog::Catalog &catalog)
{
    // The row is the store's projection of the record: it fills in what an
    // older record may lack.
    QJsonObject record = row.record;
    const std::pair<QString, QString> projected[] = {{QStringLiteral("certificateId"), row.certificateId},
                                                     {QStringLiteral("number"), row.number},
                                                     {QStringLiteral("templateId"), row.templateId}};
    for (const auto &[key, value] : projected) {
        if (!value.isEmpty())
            record.insert(key, value);
    }
    QJsonObject holder = record.value(QStringLiteral("holder")).toObject();
    if (!holder.contains(QStringLiteral("name")) && !row.holderName.isEmpty())
        holder.insert(QStringLiteral("name"), row.holderName);
    if (!holder.contains(QStringLiteral("idNumber")) && !row.holderId.isEmpty())
        holder.insert(QStringLiteral("idNumber"), row.holderId);
    record.insert(QStringLiteral("holder"), holder);

    const catalog::ServiceItem *item
        = catalog.isNull() ? nullptr : catalog.item(record.value(QStringLiteral("itemCode")).toString());
    const QString issuedBy = record.value(QStringLiteral("issuedBy")).toString();
    const catalog::Department *department = catalog.isNull() ? nullptr : catalog.department(issuedBy);
    return printing::CertificateRecord::fields(
        record, row.verificationCode, department ? department->name : issuedBy,
        [item](const QString &name, const QString &value) {
            const catalog::FormField *field = item ? item->field(name) : nullptr;
            return field && !field->options.isEmpty() ? field->optionLabel(value) : value;
        });
}

QString CertificatePrintJob::calibrationKey(const QString &printerLogName)
{
    return QStringLiteral("printing.calibration.") + printerLogName;
}

printing::Calibration CertificatePrintJob::calibration(const QSqlDatabase &db, const QString &printerLogName)
{
    const storage::SettingsRepository settings(db);
    const QJsonObject json
        = QJsonDocument::fromJson(settings.value(calibrationKey(printerLogName)).toUtf8()).object();
    printing::Calibration calibration;
    calibration.xOffsetMm = json.value(QStringLiteral("xOffsetMm")).toDouble(0);
    calibration.yOffsetMm = json.value(QStringLiteral("yOffsetMm")).toDouble(0);
    calibration.xScale = json.value(QStringLiteral("xScale")).toDouble(1);
    calibration.yScale = json.value(QStringLiteral("yScale")).toDouble(1);
    // A damaged setting must not shrink a certificate to nothing.
    if (calibration.xScale < 0.5 || calibration.xScale > 1.5 || calibration.yScale < 0.5
        || calibration.yScale > 1.5)
        return {};
    return calibration;
}

bool CertificatePrintJob::saveCalibration(const QSqlDatabase &db, const QString &printerLogName,
                                          const printing::Calibration &calibration, QString *error)
{
    if (printerLogName.isEmpty()) {
        if (error)
            *error = Tr::tr("Choose the printer the calibration belongs to.");
        return false;
    }
    const QJsonObject json {{QStringLiteral("xOffsetMm"), calibration.xOffsetMm},
                            {QStringLiteral("yOffsetMm"), calibration.yOffsetMm},
                            {QStringLiteral("xScale"), calibration.xScale},
                            {QStringLiteral("yScale"), calibration.yScale}};
    storage::SettingsRepository settings(db);
    if (!settings.setValue(calibrationKey(printerLogName),
                           QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)))) {
        if (error)
            *error = Tr::tr("The calibration could not be saved: %1").arg(settings.lastError());
        return false;
    }
    return true;
}

std::optional<printing::CertificateTemplate>
CertificatePrintJob::templateOf(const storage::CertificateRow &row) const
{
    const QString id = row.templateId.isEmpty() ? row.record.value(QStringLiteral("templateId")).toString()
                                                : row.templateId;
    if (const auto found = m_templates.constFind(id); found != m_templates.cend())
        return *found;
    if (id.isEmpty()) {
        fail(Tr::tr("Certificate %1 names no template; the catalogue must give its item one.")
                 .arg(row.number));
        return std::nullopt;
    }
    const auto loaded = printing::TemplateLoader::loadNamed(id);
    if (!loaded.isValid()) {
        fail(Tr::tr("The template %1 of certificate %2 cannot be used: %3")
                 .arg(id, row.number, loaded.problems.join(QStringLiteral("; "))));
        return std::nullopt;
    }
    m_templates.insert(id, *loaded.tmpl);
    return loaded.tmpl;
}

bool CertificatePrintJob::supportsStock(const printing::CertificateTemplate &tmpl)
{
    bool variable = false;
    bool design = false;
    for (const printing::TemplateElement &element : tmpl.elements) {
        (element.printOn == printing::TemplateElement::PrintOn::Both ? variable : design) = true;
    }
    // Stock carries the design; a template without one has nothing to leave out.
    return variable && design && !tmpl.certificateType.isEmpty();
}

QString CertificatePrintJob::check(const QList<storage::CertificateRow> &rows,
                                   const PrintRequest &request) const
{
    if (rows.isEmpty())
        return Tr::tr("Choose the certificates to print in the list first.");
    if (request.target.isPdf() && request.target.pdfDirectory.trimmed().isEmpty())
        return Tr::tr("Choose the folder the PDF files are written to.");
    if (request.reprint && request.reason.trimmed().isEmpty())
        return Tr::tr("A reprint needs its reason (e.g. 原证污损): nothing was printed.");
    if (request.stock && request.firstSerial.trimmed().isEmpty())
        return Tr::tr("Enter the serial number of the first sheet of certificate paper.");
    for (const storage::CertificateRow &row : rows) {
        if (!row.isSigned())
            return Tr::tr(
                       "Certificate %1 is not signed yet (awaiting signature): it can be printed once a sync "
                       "brings its verification code.")
                .arg(row.number);
        if (!request.reprint && row.printCount > 0)
            return Tr::tr("Certificate %1 was printed before: choose Reprint and give the reason.")
                .arg(row.number);
        if (request.reprint && row.printCount == 0)
            return Tr::tr(
                       "Certificate %1 has not been printed yet: print it, a first print is not a reprint.")
                .arg(row.number);
        const auto tmpl = templateOf(row);
        if (!tmpl)
            return m_lastError;
        if (request.stock && !supportsStock(*tmpl))
            return Tr::
                tr("The template of certificate %1 has no layout for pre-printed paper: print it on plain "
                   "paper.")
                    .arg(row.number);
    }
    return {};
}

std::optional<QString> CertificatePrintJob::serialFor(const storage::CertificateRow &row,
                                                      const PrintRequest &request,
                                                      const QString &previous) const
{
    if (!request.stock)
        return QString();
    if (previous.isEmpty())
        return request.firstSerial.trimmed();
    const storage::StockRepository stock(m_db);
    auto next = stock.nextFree(m_session.user.user.officeCode, row.certificateType, previous);
    if (!next)
        fail(Tr::tr("The certificate paper is used up: no serial is left after %1.").arg(previous));
    return next;
}

QString CertificatePrintJob::pdfFileName(const QString &directory, const storage::CertificateRow &row)
{
    QString name = row.number.isEmpty() ? row.certificateId : row.number;
    name.replace(QRegularExpression(QStringLiteral("[^\\w\\-.]")), QStringLiteral("_"));
    return QDir(directory).filePath(name + QStringLiteral(".pdf"));
}

bool CertificatePrintJob::render(const storage::CertificateRow &row, const PrintRequest &request)
{
    const auto tmpl = templateOf(row);
    if (!tmpl)
        return false;
    printing::RenderOptions options;
    options.mode = request.stock ? printing::RenderOptions::Mode::PreprintedStock
                                 : printing::RenderOptions::Mode::Plain;
    options.calibration = calibration(m_db, request.target.logName());
    const printing::CertificateFields values = fields(row, m_catalog);
    QString error;
    if (request.target.isPdf()) {
        if (!QDir().mkpath(request.target.pdfDirectory))
            return fail(Tr::tr("The folder %1 cannot be created.").arg(request.target.pdfDirectory));
        const QString file = pdfFileName(request.target.pdfDirectory, row);
        if (!printing::TemplateRenderer::renderPdf(*tmpl, values, options, file, &error))
            return fail(Tr::tr("Certificate %1 could not be written: %2").arg(row.number, error));
        m_lastFile = file;
        return true;
    }
    const QPrinterInfo info = QPrinterInfo::printerInfo(request.target.printerName);
    if (info.isNull())
        return fail(Tr::tr("The printer %1 is not available.").arg(request.target.printerName));
    QPrinter printer(info, QPrinter::HighResolution);
    printer.setFullPage(true);
    printer.setPageLayout(printing::TemplateRenderer::pageLayout(*tmpl));
    printer.setDocName(row.number);
    if (!printing::TemplateRenderer::renderTo(printer, *tmpl, values, options, &error))
        return fail(Tr::tr("Certificate %1 could not be printed on %2: %3")
                        .arg(row.number, request.target.printerName, error));
    return true;
}

bool CertificatePrintJob::record(const storage::CertificateRow &row, const QJsonObject &payload)
{
    storage::CaseJournal journal(m_db, {m_session.user.deviceId, m_session.user.user.officeCode});
    journal.setCalendar(core::WorkingCalendar::builtIn());
    const storage::CaseJournal::Result result = journal.record(
        cases::Event::make(row.caseId, cases::EventType::Printed, Internal::windowActor(m_session), payload),
        Internal::windowRole(m_session));
    if (!result.isValid())
        return fail(
            Tr::tr("The print of certificate %1 was not recorded: %2").arg(row.number, result.message));
    return true;
}

bool CertificatePrintJob::print(const QString &certificateId, const PrintRequest &request,
                                const QString &serial)
{
    m_lastError.clear();
    m_lastFile.clear();
    const storage::CertificateRepository certificates(m_db);
    const auto row = certificates.find(certificateId);
    if (!row)
        return fail(certificates.lastError().isEmpty() ? Tr::tr("The certificate is not in the local store.")
                                                       : certificates.lastError());
    if (const QString problem = check({*row}, request); !problem.isEmpty())
        return fail(problem);
    if (request.stock) {
        const storage::StockRepository stock(m_db);
        const storage::StockSerialProblem problem
            = stock.check(m_session.user.user.officeCode, row->certificateType, serial);
        if (problem != storage::StockSerialProblem::None)
            return fail(storage::StockRepository::describe(problem, serial));
    }
    if (!render(*row, request))
        return false;
    QJsonObject payload {
        {QStringLiteral("certificateId"), row->certificateId},
        {QStringLiteral("printer"), request.target.logName()},
        {QStringLiteral("mode"), request.stock ? QStringLiteral("stock") : QStringLiteral("plain")},
        {QStringLiteral("reprint"), request.reprint},
        {QStringLiteral("spoiled"), false}};
    if (request.stock)
        payload.insert(QStringLiteral("stockSerial"), serial);
    if (request.reprint)
        payload.insert(QStringLiteral("reason"), request.reason.trimmed());
    if (!record(*row, payload)) {
        // A file nobody logged must not pass for a printed certificate.
        if (!m_lastFile.isEmpty())
            QFile::remove(m_lastFile);
        m_lastFile.clear();
        return false;
    }
    return true;
}

bool CertificatePrintJob::recordSpoiled(const QString &certificateId, const QString &printerLogName,
                                        const QString &serial, const QString &reason)
{
    m_lastError.clear();
    const storage::CertificateRepository certificates(m_db);
    const auto row = certificates.find(certificateId);
    if (!row)
        return fail(certificates.lastError().isEmpty() ? Tr::tr("The certificate is not in the local store.")
                                                       : certificates.lastError());
    if (printerLogName.trimmed().isEmpty())
        return fail(Tr::tr("Name the printer the sheet was spoiled in."));
    if (serial.trimmed().isEmpty())
        return fail(Tr::tr("Enter the serial number of the spoiled sheet of certificate paper."));
    if (reason.trimmed().isEmpty())
        return fail(Tr::tr("Say what happened to the sheet (e.g. 卡纸): nothing was recorded."));
    QJsonObject payload {{QStringLiteral("certificateId"), row->certificateId},
                         {QStringLiteral("printer"), printerLogName.trimmed()},
                         {QStringLiteral("mode"), QStringLiteral("stock")},
                         {QStringLiteral("stockSerial"), serial.trimmed()},
                         {QStringLiteral("reprint"), row->printCount > 0},
                         {QStringLiteral("spoiled"), true}};
    if (row->printCount > 0)
        payload.insert(QStringLiteral("reason"), reason.trimmed());
    return record(*row, payload);
}

bool CertificatePrintJob::paintPreview(QPrinter *printer, const QList<storage::CertificateRow> &rows,
                                       bool stock)
{
    printing::RenderOptions options;
    options.mode
        = stock ? printing::RenderOptions::Mode::PreprintedStock : printing::RenderOptions::Mode::Plain;
    options.previewWatermark = true;
    // No calibration: the preview shows the design as it should land on the paper.
    QPainter painter;
    bool first = true;
    for (const storage::CertificateRow &row : rows) {
        const auto tmpl = templateOf(row);
        if (!tmpl)
            return false;
        if (first) {
            printer->setFullPage(true);
            printer->setPageLayout(printing::TemplateRenderer::pageLayout(*tmpl));
            if (!painter.begin(printer))
                return fail(Tr::tr("The preview cannot be drawn."));
        } else {
            printer->setPageLayout(printing::TemplateRenderer::pageLayout(*tmpl));
            printer->newPage();
        }
        first = false;
        const int dpi = printer->logicalDpiX();
        painter.save();
        painter.translate(-printer->pageLayout().paintRectPixels(dpi).topLeft());
        QString error;
        const bool painted = printing::TemplateRenderer::paint(painter, dpi / mmPerInch, *tmpl,
                                                               fields(row, m_catalog), options, &error);
        painter.restore();
        if (!painted) {
            painter.end();
            return fail(Tr::tr("Certificate %1 cannot be shown: %2").arg(row.number, error));
        }
    }
    if (painter.isActive())
        painter.end();
    return true;
}

} // namespace ow::ui
