// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "intakepage_p.h"
#include "ow/ui/queueconfig.h"

#include <algorithm>

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
        auto *row = new QTreeWidgetItem(
            history,
            {record.caseNumber, names.join(Tr::tr("; ")),
             status ? cases::caseStatusDisplayName(*status) : record.state,
             QLocale().toString(record.updatedAt.toLocalTime().date(), QLocale::ShortFormat)});
        row->setData(0, CodeRole, record.id);
        row->setToolTip(1, row->text(1));
        row->setToolTip(3, QLocale().toString(record.updatedAt.toLocalTime(), QLocale::ShortFormat));
    }
    if (cases.isEmpty())
        new QTreeWidgetItem(history, {Tr::tr("No earlier cases.")});

    // A case whose certificate was produced (or handed out) left the applicant holding it.
    licences = QJsonArray();
    held.clear();
    QStringList shown;
    storage::EventRepository events(db);
    const QDate today = QDate::currentDate();
    for (const storage::CaseRecord &record : cases) {
        if (record.state != QLatin1String("certificate-ready") && record.state != QLatin1String("delivered"))
            continue;
        // Only a case that may add a licence not yet known is worth reading (cases come newest first).
        const QStringList codes = record.itemCode.split(QLatin1Char(','), Qt::SkipEmptyParts);
        const bool addsLicence = std::any_of(codes.cbegin(), codes.cend(), [&](const QString &code) {
            const catalog::ServiceItem *item = catalog.item(code);
            return item && !item->outcome.certificateType.isEmpty()
                && !heldLicence(item->outcome.certificateType);
        });
        if (!addsLicence)
            continue;
        // Each certificate-produced event may name its certificate's type, number and term;
        // a bundle yields one per item.
        QHash<QString, QJsonObject> producedByType;
        QJsonObject producedUntyped;
        for (const storage::EventRecord &event : events.eventsOfCase(record.id)) {
            if (event.type != QLatin1String("certificate-produced"))
                continue;
            const QJsonObject payload = QJsonDocument::fromJson(event.payload.toUtf8()).object();
            const QString type = payload.value(QStringLiteral("certificateType")).toString();
            if (type.isEmpty())
                producedUntyped = payload;
            else
                producedByType.insert(type, payload);
        }
        for (const QString &code : codes) {
            const catalog::ServiceItem *item = catalog.item(code);
            if (!item || item->outcome.certificateType.isEmpty())
                continue;
            const QString type = item->outcome.certificateType;
            if (heldLicence(type))
                continue; // the newest counts
            const QJsonObject produced = producedByType.value(type, producedUntyped);
            const QDate validUntil = QDate::fromString(
                produced.value(QStringLiteral("validUntil")).toString().left(10), Qt::ISODate);
            if (validUntil.isValid() && validUntil < today)
                continue; // expired: it can stand in for nothing
            QString number = produced.value(QStringLiteral("number")).toString();
            if (number.isEmpty())
                number = produced.value(QStringLiteral("certificateNumber")).toString();
            if (number.isEmpty())
                number = record.caseNumber;
            const catalog::CertificateType *certificate = catalog.certificateType(type);
            held.append(
                {type, certificate ? certificate->name : item->outcome.name, number, record.caseNumber});
            shown.append(
                number == record.caseNumber
                    ? Tr::tr("%1 (case %2)").arg(held.constLast().name, record.caseNumber)
                    : Tr::tr("%1 No. %2 (case %3)").arg(held.constLast().name, number, record.caseNumber));
            licences.append(QJsonObject {{QStringLiteral("type"), type},
                                         {QStringLiteral("number"), number},
                                         {QStringLiteral("holder"), record.applicantName},
                                         {QStringLiteral("status"), QStringLiteral("valid")}});
        }
    }
    licencesLabel->setText(shown.isEmpty() ? Tr::tr("None known.") : shown.join(QLatin1Char('\n')));
    applySharedLicences();
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

QString IntakePage::Private::favouritesKey() const
{
    const QString window = settings.value(QueueConfig::windowSettingKey(), QueueConfig::defaultWindowCode());
    return QStringLiteral("intake.favourites.") + window;
}

QStringList IntakePage::Private::favourites() const
{
    QStringList entries;
    for (const QJsonValue &value : QJsonDocument::fromJson(settings.value(favouritesKey()).toUtf8()).array())
        entries.append(value.toString());
    return entries;
}

void IntakePage::Private::showFavourites()
{
    results->clear();
    for (const QString &entry : favourites()) {
        const bool bundle = entry.startsWith(QLatin1String("bundle:"));
        const QString code = entry.section(u':', 1);
        QString name;
        if (bundle) {
            if (const catalog::Bundle *found = catalog.bundle(code))
                name = found->name;
        } else if (const catalog::ServiceItem *found = catalog.item(code)) {
            name = found->name;
        }
        if (name.isEmpty())
            continue; // no longer in this catalogue version
        auto *row = new QListWidgetItem(Tr::tr("★ %1 (%2)").arg(name, code), results);
        row->setData(CodeRole, code);
        row->setData(KindRole, bundle);
    }
    results->setVisible(results->count() > 0);
}

void IntakePage::Private::toggleFavourite()
{
    if (application.isNull())
        return;
    const QString entry
        = (application.bundle ? QStringLiteral("bundle:") : QStringLiteral("item:")) + application.code();
    QStringList entries = favourites();
    if (entries.contains(entry))
        entries.removeAll(entry);
    else
        entries.append(entry);
    if (!settings.setValue(favouritesKey(), QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(entries))
                                                                  .toJson(QJsonDocument::Compact)))) {
        showMessage(errorHtml(Tr::tr("The favourites could not be saved: %1").arg(settings.lastError())));
        return;
    }
    updateFavouriteButton();
    if (searchEdit->text().trimmed().isEmpty())
        showFavourites();
}

void IntakePage::Private::updateFavouriteButton()
{
    favouriteButton->setEnabled(!application.isNull());
    if (application.isNull()) {
        favouriteButton->setText(Tr::tr("☆ Add to favourites"));
        return;
    }
    const QString entry
        = (application.bundle ? QStringLiteral("bundle:") : QStringLiteral("item:")) + application.code();
    favouriteButton->setText(favourites().contains(entry) ? Tr::tr("★ Remove from favourites")
                                                          : Tr::tr("☆ Add to favourites"));
}

void IntakePage::Private::updateSearch()
{
    results->clear();
    if (searchEdit->text().trimmed().isEmpty()) {
        showFavourites();
        return;
    }
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
    attachmentStatus->clear();
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
    updateFavouriteButton();
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
    const QSignalBlocker blocker(materials);
    materials->clear();
    for (const catalog::MergedMaterial &merged : application.merged.materials) {
        const catalog::Material &material = merged.material;
        const bool required = !merged.requiredBy.isEmpty();
        auto *row = new QTreeWidgetItem(
            materials,
            {material.name, QString(), required ? Tr::tr("required") : Tr::tr("optional"),
             catalog::displayName(material.form), QString::number(material.copies),
             merged.items.join(QStringLiteral(", "))});
        row->setData(NameColumn, CodeRole, material.code);
        row->setCheckState(NameColumn, Qt::Unchecked);
        QString tip = material.notes;
        if (!material.sharedLicence.isEmpty()) {
            const catalog::CertificateType *type = catalog.certificateType(material.sharedLicence);
            tip += QLatin1Char('\n')
                + Tr::tr("A %1 the applicant holds can stand in for it.")
                      .arg(type ? type->name : material.sharedLicence);
        }
        row->setToolTip(NameColumn, tip.trimmed());
        if (required) {
            QFont bold = row->font(RequiredColumn);
            bold.setBold(true);
            row->setFont(RequiredColumn, bold);
        }
        updateProvided(row);
    }
    // Files stay with materials the new choice also asks for (codes are catalogue-wide).
    for (auto it = attachments.begin(); it != attachments.end();) {
        const bool asked
            = std::any_of(application.merged.materials.cbegin(), application.merged.materials.cend(),
                          [&](const catalog::MergedMaterial &m) { return m.material.code == it.key(); });
        it = asked ? std::next(it) : attachments.erase(it);
    }
    applySharedLicences();
    showAttachments();
}

const HeldLicence *IntakePage::Private::heldLicence(const QString &type) const
{
    for (const HeldLicence &licence : held) {
        if (licence.type == type)
            return &licence;
    }
    return nullptr;
}

void IntakePage::Private::applySharedLicences()
{
    // 免提交: a material a licence the applicant holds stands in for is ticked
    // and marked; when the applicant changes, what the old one's licences ticked is unticked.
    const QSignalBlocker blocker(materials);
    for (int i = 0; i < materials->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = materials->topLevelItem(i);
        const QString code = row->data(NameColumn, CodeRole).toString();
        const catalog::MergedMaterial *merged = nullptr;
        for (const catalog::MergedMaterial &candidate : application.merged.materials) {
            if (candidate.material.code == code)
                merged = &candidate;
        }
        const HeldLicence *licence = merged && !merged->material.sharedLicence.isEmpty()
            ? heldLicence(merged->material.sharedLicence)
            : nullptr;
        const QString before = row->data(NameColumn, SharedRole).toString();
        if (licence && before != licence->number) {
            row->setData(NameColumn, SharedRole, licence->number);
            if (!restoring)
                row->setCheckState(NameColumn, Qt::Checked);
        } else if (!licence && !before.isEmpty()) {
            row->setData(NameColumn, SharedRole, QVariant());
            if (!restoring)
                row->setCheckState(NameColumn, Qt::Unchecked);
        }
        updateProvided(row);
    }
}

void IntakePage::Private::updateProvided(QTreeWidgetItem *row)
{
    const QString code = row->data(NameColumn, CodeRole).toString();
    const QString number = row->data(NameColumn, SharedRole).toString();
    QStringList parts;
    QString tip;
    if (!number.isEmpty()) {
        for (const HeldLicence &licence : std::as_const(held)) {
            if (licence.number == number) {
                parts.append(Tr::tr("Shared licence: %1, %2").arg(licence.name, licence.number));
                tip = Tr::tr(
                          "Provided by the shared electronic licence %1 No. %2 (case %3); no paper copy is "
                          "needed.")
                          .arg(licence.name, licence.number, licence.caseNumber);
            }
        }
    }
    const qsizetype files = attachments.value(code).size();
    if (files > 0)
        parts.append(Tr::tr("%n file(s)", nullptr, int(files)));
    row->setText(ProvidedColumn, parts.join(Tr::tr("; ")));
    row->setToolTip(ItemsColumn, row->text(ItemsColumn));
    row->setToolTip(ProvidedColumn, tip);
    row->setForeground(ProvidedColumn, number.isEmpty() ? QBrush() : QBrush(QColor(0x1b, 0x87, 0x3f)));
}

QStringList IntakePage::Private::receivedMaterials() const
{
    QStringList codes;
    for (int i = 0; i < materials->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *row = materials->topLevelItem(i);
        if (row->checkState(NameColumn) == Qt::Checked)
            codes.append(row->data(NameColumn, CodeRole).toString());
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
    QJsonObject files;
    for (auto it = attachments.cbegin(); it != attachments.cend(); ++it) {
        QJsonArray list;
        for (const IntakeAttachment &file : it.value())
            list.append(file.toJson());
        files.insert(it.key(), list);
    }
    draft.insert(QStringLiteral("attachments"), files);
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
    // The files are in the store already; the draft names them.
    storage::AttachmentRepository store(db);
    const QJsonObject files = draft.value(QStringLiteral("attachments")).toObject();
    for (auto it = files.begin(); it != files.end(); ++it) {
        for (const QJsonValue &value : it.value().toArray()) {
            const auto file = IntakeAttachment::fromJson(value.toObject());
            if (file && store.contains(file->sha256))
                attachments[it.key()].append(*file);
        }
    }
    const QJsonArray received = draft.value(QStringLiteral("received")).toArray();
    {
        const QSignalBlocker blocker(materials);
        for (int i = 0; i < materials->topLevelItemCount(); ++i) {
            QTreeWidgetItem *row = materials->topLevelItem(i);
            row->setCheckState(NameColumn,
                               received.contains(row->data(NameColumn, CodeRole).toString()) ? Qt::Checked
                                                                                             : Qt::Unchecked);
            updateProvided(row);
        }
    }
    if (QTreeWidgetItem *first = materials->topLevelItem(0))
        materials->setCurrentItem(first);
    showAttachments();
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
    updateFavouriteButton();
    showFavourites();
    materials->clear();
    form->setFields({});
    smartLabel->hide();
    onBehalf->setChecked(false);
    reasonEdit->clear();
    basisEdit->clear();
    history->clear();
    licences = QJsonArray();
    held.clear();
    licencesLabel->clear();
    attachments.clear();
    attachmentStatus->clear();
    showAttachments();
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
    if (d->searchEdit->text().trimmed().isEmpty())
        d->showFavourites();
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

void IntakePage::setFileChooser(FileChooser chooser)
{
    d->chooseFiles = std::move(chooser);
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
