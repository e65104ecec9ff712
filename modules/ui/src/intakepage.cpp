// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "intakepage_p.h"

namespace ow::ui {

using namespace Internal;

// ---- applicant ------------------------------------------------------------

QString IntakePage::Private::applicantId() const
{
    if (kindCombo->currentData().toInt() == Organisation)
        return core::SocialCreditCode::parse(idEdit->text()).code().toString();
    return core::IdCardNumber::parse(idEdit->text()).number().toString();
}

bool IntakePage::Private::checkApplicant(bool showEmpty)
{
    const QString input = idEdit->text();
    if (input.trimmed().isEmpty()) {
        idStatus->setText(showEmpty ? errorHtml(Tr::tr("Enter the applicant's ID number.")) : QString());
        return false;
    }
    QString reason;
    QString summary;
    bool incomplete = false; // still being typed: too short to judge
    if (kindCombo->currentData().toInt() == Organisation) {
        const auto check = core::SocialCreditCode::parse(input);
        incomplete = check.reason() == core::SocialCreditCode::Reason::WrongLength
            && check.normalisedInput().size() < 18;
        if (!check.isValid())
            reason = check.message();
        else
            summary = check.code().organisationType();
    } else {
        const auto check = core::IdCardNumber::parse(input);
        incomplete = check.reason() == core::IdCardNumber::Reason::WrongLength
            && check.normalisedInput().size() < 18;
        if (!check.isValid())
            reason = check.message();
        else
            summary = Tr::tr("%1, born %2, %3")
                          .arg(check.number().provinceName(),
                               check.number().birthDate().toString(QStringLiteral("yyyy-MM-dd")),
                               core::IdCardNumber::sexName(check.number().sex()));
    }
    if (!reason.isEmpty() && incomplete && !showEmpty) {
        idStatus->clear();
        return false;
    }
    if (!reason.isEmpty()) {
        idStatus->setText(errorHtml(Tr::tr("Not a valid number: %1").arg(reason)));
        return false;
    }
    idStatus->setText(okHtml(summary));
    return true;
}

QJsonObject IntakePage::Private::applicantJson() const
{
    const bool organisation = kindCombo->currentData().toInt() == Organisation;
    QJsonObject applicant {
        {QStringLiteral("kind"), organisation ? QStringLiteral("organisation") : QStringLiteral("person")},
        {QStringLiteral("idNumber"), applicantId()},
        {QStringLiteral("name"), nameEdit->text().trimmed()},
    };
    if (organisation) {
        applicant.insert(QStringLiteral("uscc"), applicantId());
        applicant.insert(QStringLiteral("legalRepresentative"), representativeEdit->text().trimmed());
    }
    if (!phoneEdit->text().trimmed().isEmpty())
        applicant.insert(QStringLiteral("phone"), phoneEdit->text().trimmed());
    return applicant;
}

void IntakePage::Private::applicantIdentified()
{
    const QString id = applicantId();
    if (!restoring) {
        const auto known = storage::ApplicantRepository(db).findByIdNumber(id);
        if (known) {
            if (nameEdit->text().isEmpty())
                nameEdit->setText(known->name);
            if (phoneEdit->text().isEmpty())
                phoneEdit->setText(known->phone);
        }
    }
    loadHistory(id);
    prefillForm();
}

void IntakePage::Private::loadHistory(const QString &idNumber)
{
    history->clear();
    storage::CaseRepository repository(db);
    const QList<storage::CaseRecord> cases = repository.findByApplicantIdNumber(idNumber, 50);
    for (const storage::CaseRecord &record : cases) {
        QStringList names;
        for (const QString &code : record.itemCode.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const catalog::ServiceItem *item = catalog.item(code);
            names.append(item ? item->name : code);
        }
        const auto status = cases::caseStatusFromName(record.state);
        auto *row
            = new QTreeWidgetItem(history,
                                  {record.caseNumber, names.join(Tr::tr("; ")),
                                   status ? cases::caseStatusDisplayName(*status) : record.state,
                                   QLocale().toString(record.updatedAt.toLocalTime(), QLocale::ShortFormat)});
        row->setData(0, CodeRole, record.id);
    }
    if (cases.isEmpty())
        new QTreeWidgetItem(history, {Tr::tr("No earlier cases.")});

    // A case whose certificate was produced (or handed out) left the applicant holding it.
    licences = QJsonArray();
    QStringList held;
    for (const storage::CaseRecord &record : cases) {
        if (record.state != QLatin1String("certificate-ready") && record.state != QLatin1String("delivered"))
            continue;
        for (const QString &code : record.itemCode.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const catalog::ServiceItem *item = catalog.item(code);
            if (!item || item->outcome.certificateType.isEmpty())
                continue;
            held.append(Tr::tr("%1 (case %2)").arg(item->outcome.name, record.caseNumber));
            licences.append(QJsonObject {{QStringLiteral("type"), item->outcome.certificateType},
                                         {QStringLiteral("number"), record.caseNumber},
                                         {QStringLiteral("holder"), record.applicantName},
                                         {QStringLiteral("status"), QStringLiteral("valid")}});
        }
    }
    licencesLabel->setText(held.isEmpty() ? Tr::tr("None known.") : held.join(QLatin1Char('\n')));
}

void IntakePage::Private::cardRead(const IdCardData &card)
{
    kindCombo->setCurrentIndex(kindCombo->findData(Person));
    nameEdit->setText(card.name);
    idEdit->setText(card.idNumber);
    if (!checkApplicant(true))
        return;
    if (card.validUntil.isValid() && card.validUntil < QDate::currentDate())
        idStatus->setText(
            errorHtml(Tr::tr("The ID card expired on %1.").arg(card.validUntil.toString(Qt::ISODate))));
    form->prefill(QStringLiteral("address"), card.address);
    searchEdit->setFocus();
}

// ---- item, materials, form ------------------------------------------------

void IntakePage::Private::updateSearch()
{
    results->clear();
    const QList<catalog::ItemSearchHit> hits = search.search(searchEdit->text(), 20);
    for (const catalog::ItemSearchHit &hit : hits) {
        const bool bundle = hit.kind == catalog::ItemSearchHit::Kind::Bundle;
        const QString text = bundle ? Tr::tr("[Bundle] %1 (%2)").arg(hit.name, hit.code)
                                    : Tr::tr("%1 (%2)").arg(hit.name, hit.code);
        auto *entry = new QListWidgetItem(text, results);
        entry->setData(CodeRole, hit.code);
        entry->setData(KindRole, bundle);
    }
    if (results->count() > 0)
        results->setCurrentRow(0);
    results->setVisible(!searchEdit->text().trimmed().isEmpty());
}

void IntakePage::Private::chooseResult(QListWidgetItem *entry)
{
    if (!entry)
        return;
    select(entry->data(KindRole).toBool(), entry->data(CodeRole).toString());
    changed();
    if (QTreeWidgetItem *first = materials->topLevelItem(0)) {
        materials->setCurrentItem(first);
        materials->setFocus();
    }
}

void IntakePage::Private::select(bool bundle, const QString &code)
{
    application
        = bundle ? IntakeApplication::forBundle(catalog, code) : IntakeApplication::forItem(catalog, code);
    if (application.isNull()) {
        selectedLabel->setText(
            errorHtml(Tr::tr("\"%1\" is not in the catalogue %2.").arg(code, catalog.version())));
    } else {
        const int days = application.promisedDays();
        const QString limit = days == 0 ? Tr::tr("handled on the spot")
                                        : Tr::tr("promised within %n working day(s)", nullptr, days);
        selectedLabel->setText(QStringLiteral("<b>%1</b> (%2) — %3")
                                   .arg(application.displayNames().join(Tr::tr("; ")).toHtmlEscaped(),
                                        application.code().toHtmlEscaped(), limit.toHtmlEscaped()));
    }
    rebuildMaterials();
    QList<catalog::FormField> fields;
    for (const catalog::MergedField &merged : application.merged.fields) {
        catalog::FormField field = merged.field;
        field.required = !merged.requiredBy.isEmpty();
        fields.append(field);
    }
    form->setFields(fields);
    for (const catalog::FormField &field : fields) {
        QWidget *editor = form->findChild<QWidget *>(QStringLiteral("formField_") + field.key);
        if (auto *line = qobject_cast<QLineEdit *>(editor))
            QObject::connect(line, &QLineEdit::returnPressed, q,
                             [line] { line->nextInFocusChain()->setFocus(Qt::TabFocusReason); });
    }
    rules.reset();
    if (const catalog::ServiceItem *item = application.smartItem())
        rules = Internal::ruleSetOf(*item);
    prefillForm();
    updateSmartApproval();
}

void IntakePage::Private::rebuildMaterials()
{
    materials->clear();
    for (const catalog::MergedMaterial &merged : application.merged.materials) {
        const catalog::Material &material = merged.material;
        const bool required = !merged.requiredBy.isEmpty();
        auto *row
            = new QTreeWidgetItem(materials,
                                  {material.name, required ? Tr::tr("required") : Tr::tr("optional"),
                                   catalog::displayName(material.form), QString::number(material.copies),
                                   merged.items.join(QLatin1Char(','))});
        row->setData(0, CodeRole, material.code);
        row->setCheckState(0, Qt::Unchecked);
        QString tip = material.notes;
        if (!material.sharedLicence.isEmpty()) {
            const catalog::CertificateType *type = catalog.certificateType(material.sharedLicence);
            tip += QLatin1Char('\n')
                + Tr::tr("A %1 the applicant holds can stand in for it.")
                      .arg(type ? type->name : material.sharedLicence);
        }
        row->setToolTip(0, tip.trimmed());
        if (required) {
            QFont bold = row->font(1);
            bold.setBold(true);
            row->setFont(1, bold);
        }
    }
}

QStringList IntakePage::Private::receivedMaterials() const
{
    QStringList codes;
    for (int i = 0; i < materials->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *row = materials->topLevelItem(i);
        if (row->checkState(0) == Qt::Checked)
            codes.append(row->data(0, CodeRole).toString());
    }
    return codes;
}

QList<const catalog::MergedMaterial *> IntakePage::Private::missingRequired() const
{
    const QStringList received = receivedMaterials();
    QList<const catalog::MergedMaterial *> missing;
    for (const catalog::MergedMaterial &merged : application.merged.materials) {
        if (!merged.requiredBy.isEmpty() && !received.contains(merged.material.code))
            missing.append(&merged);
    }
    return missing;
}

void IntakePage::Private::prefillForm()
{
    if (restoring || application.isNull())
        return;
    const bool organisation = kindCombo->currentData().toInt() == Organisation;
    const QString id = checkApplicant(false) ? applicantId() : QString();
    // The unified form asks again what the applicant panel already knows; fill it in once (一表登记).
    for (const catalog::FormField &field : form->fields()) {
        const QString key = field.key;
        if (key == QLatin1String("applicantName") || (organisation && key == QLatin1String("entityName")))
            form->prefill(key, nameEdit->text().trimmed());
        else if (key == QLatin1String("applicantPhone"))
            form->prefill(key, phoneEdit->text().trimmed());
        else if (key == QLatin1String("applicantIdNumber") && !organisation)
            form->prefill(key, id);
        else if (field.type == catalog::FieldType::Uscc && organisation
                 && key.startsWith(QLatin1String("applicant")))
            form->prefill(key, id);
        else if (key == QLatin1String("legalRepresentative") && organisation)
            form->prefill(key, representativeEdit->text().trimmed());
    }
}

void IntakePage::Private::updateSmartApproval()
{
    const catalog::ServiceItem *item = application.smartItem();
    if (!item || !rules) {
        trace.reset();
        smartLabel->hide();
        return;
    }
    const QJsonObject data = Internal::ruleData(applicantJson(), form->values(), receivedMaterials(),
                                                licences, QDate::currentDate());
    trace = rules->evaluate(data);
    smartLabel->setText(Internal::describeTrace(*trace, *rules, *item));
    smartLabel->setStyleSheet(trace->outcome == cases::RuleOutcome::Approve ? QStringLiteral("color:#1b873f")
                                                                            : QString());
    smartLabel->show();
}

// ---- draft ------------------------------------------------------------------

void IntakePage::Private::changed()
{
    if (restoring)
        return;
    updateSmartApproval();
    saveDraft();
}

void IntakePage::Private::saveDraft()
{
    QJsonObject draft {
        {QStringLiteral("kind"),
         kindCombo->currentData().toInt() == Organisation ? QStringLiteral("organisation")
                                                          : QStringLiteral("person")},
        {QStringLiteral("idNumber"), idEdit->text()},
        {QStringLiteral("name"), nameEdit->text()},
        {QStringLiteral("legalRepresentative"), representativeEdit->text()},
        {QStringLiteral("phone"), phoneEdit->text()},
        {QStringLiteral("received"), toArray(receivedMaterials())},
        {QStringLiteral("form"), form->values()},
        {QStringLiteral("onBehalf"), onBehalf->isChecked()},
        {QStringLiteral("refuseReason"), reasonEdit->text()},
        {QStringLiteral("refuseBasis"), basisEdit->text()},
    };
    if (!application.isNull())
        draft.insert(QStringLiteral("selection"),
                     QJsonObject {{QStringLiteral("bundle"), application.bundle != nullptr},
                                  {QStringLiteral("code"), application.code()}});
    if (!settings.setValue(draftKey(),
                           QString::fromUtf8(QJsonDocument(draft).toJson(QJsonDocument::Compact))))
        showMessage(errorHtml(Tr::tr("The draft could not be saved: %1").arg(settings.lastError())));
}

void IntakePage::Private::restoreDraft()
{
    const QString text = settings.value(draftKey());
    if (text.isEmpty())
        return;
    const QJsonObject draft = QJsonDocument::fromJson(text.toUtf8()).object();
    if (draft.isEmpty())
        return;
    restoring = true;
    kindCombo->setCurrentIndex(kindCombo->findData(
        draft.value(QStringLiteral("kind")).toString() == QLatin1String("organisation") ? Organisation
                                                                                        : Person));
    nameEdit->setText(draft.value(QStringLiteral("name")).toString());
    representativeEdit->setText(draft.value(QStringLiteral("legalRepresentative")).toString());
    phoneEdit->setText(draft.value(QStringLiteral("phone")).toString());
    idEdit->setText(draft.value(QStringLiteral("idNumber")).toString());
    const QJsonObject selection = draft.value(QStringLiteral("selection")).toObject();
    if (!selection.isEmpty())
        select(selection.value(QStringLiteral("bundle")).toBool(),
               selection.value(QStringLiteral("code")).toString());
    const QJsonArray received = draft.value(QStringLiteral("received")).toArray();
    for (int i = 0; i < materials->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = materials->topLevelItem(i);
        if (received.contains(row->data(0, CodeRole).toString()))
            row->setCheckState(0, Qt::Checked);
    }
    form->setValues(draft.value(QStringLiteral("form")).toObject());
    onBehalf->setChecked(draft.value(QStringLiteral("onBehalf")).toBool());
    reasonEdit->setText(draft.value(QStringLiteral("refuseReason")).toString());
    basisEdit->setText(draft.value(QStringLiteral("refuseBasis")).toString());
    restoring = false;
    updateSmartApproval();
    showMessage(Tr::tr("The unfinished application was restored."));
}

void IntakePage::Private::reset()
{
    restoring = true;
    kindCombo->setCurrentIndex(kindCombo->findData(Person));
    idEdit->clear();
    nameEdit->clear();
    representativeEdit->clear();
    phoneEdit->clear();
    idStatus->clear();
    searchEdit->clear();
    application = {};
    rules.reset();
    trace.reset();
    selectedLabel->setText(Tr::tr("Nothing chosen yet."));
    materials->clear();
    form->setFields({});
    smartLabel->hide();
    onBehalf->setChecked(false);
    reasonEdit->clear();
    basisEdit->clear();
    history->clear();
    licences = QJsonArray();
    licencesLabel->clear();
    restoring = false;
    if (!settings.remove(draftKey()))
        showMessage(errorHtml(Tr::tr("The draft could not be removed: %1").arg(settings.lastError())));
    idEdit->setFocus();
}

// ---- the page ---------------------------------------------------------------

IntakePage::IntakePage(const QSqlDatabase &db, const Session &session, const catalog::Catalog &catalog,
                       Options options, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this, db, session, catalog, std::move(options)))
{
    setObjectName(QStringLiteral("intakePage"));
    d->buildUi();
    d->restoreDraft();
    d->restoring = false;
    setFocusProxy(d->idEdit);
}

IntakePage::~IntakePage() = default;

catalog::Catalog IntakePage::loadCatalog(const QSqlDatabase &db, QString *error)
{
    if (const auto record = storage::SyncStateRepository(db).latestCatalogVersion()) {
        catalog::LoadResult loaded = catalog::CatalogLoader::load(record->document.toUtf8());
        if (loaded.isValid())
            return *loaded.catalog;
        if (error && !loaded.problems.isEmpty())
            *error = loaded.problems.constFirst().toString();
    }
    catalog::LoadResult demo = catalog::CatalogLoader::loadDemo();
    return demo.isValid() ? *demo.catalog : catalog::Catalog();
}

void IntakePage::setIdCardReader(IdCardReader *reader)
{
    QObject::disconnect(d->readConnection);
    QObject::disconnect(d->failConnection);
    d->reader = reader;
    d->readCardButton->setEnabled(reader && reader->isAvailable());
    if (!reader)
        return;
    d->readCardButton->setToolTip(reader->name());
    d->readConnection = connect(reader, &IdCardReader::cardRead, this,
                                [this](const IdCardData &card) { d->cardRead(card); });
    d->failConnection = connect(reader, &IdCardReader::readFailed, this, [this](const QString &reason) {
        d->idStatus->setText(errorHtml(Tr::tr("The ID card could not be read: %1").arg(reason)));
    });
}

QString IntakePage::lastCaseId() const
{
    return d->lastCaseId;
}

QString IntakePage::lastCaseNumber() const
{
    return d->lastCaseNumber;
}

QString IntakePage::lastNoticeFile() const
{
    return d->lastNoticeFile;
}

IntakeNoticeDialog *IntakePage::noticeDialog() const
{
    return d->dialog;
}

} // namespace ow::ui
