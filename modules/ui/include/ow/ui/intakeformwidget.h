// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/ui/ui_export.h"

#include <ow/catalog/item.h>

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace ow::ui {

// The unified form (一表登记) generated from catalogue form fields: one
// editor per field, named "formField_<key>", with its message below it in
// "formError_<key>". A field's message appears as soon as it holds a wrong
// value; empty required fields are reported by validate().
class OW_UI_EXPORT IntakeFormWidget : public QWidget
{
    Q_OBJECT

public:
    explicit IntakeFormWidget(QWidget *parent = nullptr);
    ~IntakeFormWidget() override;

    void setFields(const QList<catalog::FormField> &fields);
    const QList<catalog::FormField> &fields() const { return m_fields; }

    // Values by key, as smart-approval rules read them: numbers and money as
    // numbers, dates "YYYY-MM-DD", choices by option value; empty fields left out.
    QJsonObject values() const;
    void setValues(const QJsonObject &values);
    // Sets a field only if it exists and is still empty (prefilling from the applicant).
    void prefill(const QString &key, const QString &value);

    // Checks every field and shows each message; returns the messages (empty: valid).
    QStringList validate();
    // The message for one value of `field`, or empty if the value is acceptable.
    static QString checkValue(const catalog::FormField &field, const QString &value);

signals:
    void changed();

private:
    QString text(const QString &key) const;
    void setText(const QString &key, const QString &value);
    void showMessage(const QString &key, const QString &message);
    void fieldEdited(const QString &key);

    QList<catalog::FormField> m_fields;
    QFormLayout *m_layout = nullptr;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QLabel *> m_messages;
    bool m_settingValues = false;
};

} // namespace ow::ui
