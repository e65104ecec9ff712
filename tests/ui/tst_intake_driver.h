// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

// Drives the intake page with the keyboard and mouse as a clerk would, for
// the intake GUI tests.

#include <ow/core/uuid.h>
#include <ow/storage/database.h>
#include <ow/storage/migrations.h>
#include <ow/ui/intakeformwidget.h>
#include <ow/ui/intakepage.h>

#include <QComboBox>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTest>
#include <QTreeWidget>

namespace ow::test::intake {

inline const QString personId = QStringLiteral("11010519491231002X");
inline const QString personName = QStringLiteral("欧阳娜娜");
inline const QString uscc = QStringLiteral("91350100M000100Y43");

// The window clerk the intake tests sign in as.
inline ui::Session clerkSession()
{
    ui::Session session;
    session.userName = QStringLiteral("zhangsan");
    session.user.deviceId = core::Uuid::createV7String();
    session.user.user.id = QStringLiteral("u-zhangsan");
    session.user.user.name = QStringLiteral("zhangsan");
    session.user.user.displayName = QStringLiteral("张三");
    session.user.user.roles = {cases::Role::Clerk};
    session.user.user.officeCode = QStringLiteral("330102");
    session.user.user.officeName = QStringLiteral("某某县政务服务中心");
    return session;
}

// A fresh encrypted store at `path` (a random key), migrated; an invalid
// database and the reason when it cannot be made.
inline QSqlDatabase freshStore(const QString &path, const QString &connection, QString *error)
{
    QByteArray key(storage::Database::KeySize, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    auto opened = storage::Database::open(path, key, connection, storage::Database::Mode::CreateNew);
    if (!opened.ok()) {
        *error = opened.message;
        return {};
    }
    if (storage::Migrations::migrate(opened.db, error) != storage::DatabaseError::None)
        return {};
    return opened.db;
}

// Types text as the keyboard (or an input method committing Chinese) would;
// QTest::keyClicks() knows only Latin-1.
inline void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x80)
            QTest::keyClicks(widget, QString(c));
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

class IntakeDriver
{
public:
    explicit IntakeDriver(ui::IntakePage *page)
        : page(page)
    { }

    template<typename T>
    T *child(const QString &name) const
    {
        T *widget = page->findChild<T *>(name);
        if (!widget)
            qWarning("no widget %s", qPrintable(name));
        return widget;
    }

    void identifyPerson(const QString &id = personId, const QString &name = personName)
    {
        auto *idEdit = child<QLineEdit>(QStringLiteral("idNumberLineEdit"));
        idEdit->setFocus();
        typeText(idEdit, id);
        QTest::keyClick(idEdit, Qt::Key_Return);
        typeText(child<QLineEdit>(QStringLiteral("applicantNameLineEdit")), name);
        typeText(child<QLineEdit>(QStringLiteral("applicantPhoneLineEdit")), QStringLiteral("13800138000"));
    }

    void identifyOrganisation()
    {
        auto *kind = child<QComboBox>(QStringLiteral("applicantKindComboBox"));
        kind->setCurrentIndex(1);
        typeText(child<QLineEdit>(QStringLiteral("idNumberLineEdit")), uscc);
        typeText(child<QLineEdit>(QStringLiteral("applicantNameLineEdit")),
                 QStringLiteral("某某餐饮有限公司"));
        typeText(child<QLineEdit>(QStringLiteral("legalRepresentativeLineEdit")), personName);
        typeText(child<QLineEdit>(QStringLiteral("applicantPhoneLineEdit")), QStringLiteral("057188886666"));
    }

    // Searches as the clerk types and takes the entry for `code`; false if the search does not offer it.
    bool choose(const QString &query, const QString &code)
    {
        auto *search = child<QLineEdit>(QStringLiteral("itemSearchLineEdit"));
        search->clear();
        typeText(search, query);
        auto *results = child<QListWidget>(QStringLiteral("itemResultsListWidget"));
        for (int i = 0; i < results->count(); ++i) {
            if (results->item(i)->data(Qt::UserRole).toString() == code) {
                results->setCurrentRow(i);
                search->setFocus();
                QTest::keyClick(search, Qt::Key_Return);
                return true;
            }
        }
        return false;
    }

    void tickMaterials(int count = -1)
    {
        auto *tree = child<QTreeWidget>(QStringLiteral("materialsTreeWidget"));
        const int n = count < 0 ? tree->topLevelItemCount() : count;
        for (int i = 0; i < n; ++i)
            tree->topLevelItem(i)->setCheckState(0, Qt::Checked);
    }

    // Fills every field of the generated form with a value of its type, typed; returns what the form still
    // finds wrong.
    QStringList fillForm()
    {
        auto *form = child<ui::IntakeFormWidget>(QStringLiteral("intakeFormWidget"));
        for (const catalog::FormField &field : form->fields()) {
            QWidget *editor = form->findChild<QWidget *>(QStringLiteral("formField_") + field.key);
            if (!editor)
                return {field.key};
            if (auto *combo = qobject_cast<QComboBox *>(editor)) {
                combo->setCurrentIndex(1);
                continue;
            }
            QString value;
            switch (field.type) {
            case catalog::FieldType::IdNumber:
                value = personId;
                break;
            case catalog::FieldType::Uscc:
                value = uscc;
                break;
            case catalog::FieldType::Phone:
                value = QStringLiteral("13800138000");
                break;
            case catalog::FieldType::Date:
                value = QStringLiteral("2026-01-05");
                break;
            case catalog::FieldType::Number:
            case catalog::FieldType::Money:
                value = QString::number(field.minimum.value_or(1) > 0 ? field.minimum.value_or(1) : 1);
                break;
            default:
                value
                    = field.key == QLatin1String("applicantName") ? personName : QStringLiteral("某某路1号");
                break;
            }
            if (auto *line = qobject_cast<QLineEdit *>(editor)) {
                line->clear();
                typeText(line, value);
            } else if (auto *area = qobject_cast<QPlainTextEdit *>(editor)) {
                area->clear();
                typeText(area, value);
            }
        }
        return form->validate();
    }

    // The case's events, each checked the way the central server checks a push:
    // strict wire form, hash, the signed-in user as actor, and the state machine.

    ui::IntakePage *page;
};

} // namespace ow::test::intake
