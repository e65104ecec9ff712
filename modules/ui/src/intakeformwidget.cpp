// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "ow/ui/intakeformwidget.h"

#include "ow/ui/tr.h"

#include <ow/core/idcardnumber.h>
#include <ow/core/socialcreditcode.h>

#include <QComboBox>
#include <QDate>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace ow::ui {

using catalog::FieldType;
using catalog::FormField;

namespace {

bool isNumeric(FieldType type)
{
    return type == FieldType::Number || type == FieldType::Money;
}

QString placeholder(const FormField &field)
{
    switch (field.type) {
    case FieldType::Date:
        return Tr::tr("YYYY-MM-DD");
    case FieldType::Phone:
        return Tr::tr("mobile or landline with area code");
    case FieldType::Money:
        return Tr::tr("yuan");
    default:
        return field.hint;
    }
}

} // namespace

IntakeFormWidget::IntakeFormWidget(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QFormLayout(this))
{
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

IntakeFormWidget::~IntakeFormWidget() = default;

void IntakeFormWidget::setFields(const QList<FormField> &fields)
{
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_editors.clear();
    m_messages.clear();
    m_fields = fields;
    for (const FormField &field : fields) {
        auto *cell = new QWidget(this);
        auto *column = new QVBoxLayout(cell);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(2);
        QWidget *editor = nullptr;
        const QString key = field.key;
        if (field.type == FieldType::Choice) {
            auto *combo = new QComboBox(cell);
            combo->addItem(Tr::tr("(choose)"), QString());
            for (const catalog::ChoiceOption &option : field.options)
                combo->addItem(option.label, option.value);
            connect(combo, &QComboBox::currentIndexChanged, this, [this, key] { fieldEdited(key); });
            editor = combo;
        } else if (field.type == FieldType::TextArea) {
            auto *edit = new QPlainTextEdit(cell);
            edit->setTabChangesFocus(true);
            edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 4);
            connect(edit, &QPlainTextEdit::textChanged, this, [this, key] { fieldEdited(key); });
            editor = edit;
        } else {
            auto *edit = new QLineEdit(cell);
            edit->setPlaceholderText(placeholder(field));
            if (field.maxLength > 0)
                edit->setMaxLength(field.maxLength
                                   + 1); // one more, so "too long" can be said rather than cut
            connect(edit, &QLineEdit::textChanged, this, [this, key] { fieldEdited(key); });
            editor = edit;
        }
        editor->setObjectName(QStringLiteral("formField_") + key);
        if (!field.hint.isEmpty())
            editor->setToolTip(field.hint);
        auto *message = new QLabel(cell);
        message->setObjectName(QStringLiteral("formError_") + key);
        message->setStyleSheet(QStringLiteral("color:#b3261e"));
        message->setWordWrap(true);
        message->hide();
        column->addWidget(editor);
        column->addWidget(message);
        m_editors.insert(key, editor);
        m_messages.insert(key, message);
        m_layout->addRow(field.required ? Tr::tr("%1 *").arg(field.label) : field.label, cell);
    }
}

QString IntakeFormWidget::text(const QString &key) const
{
    QWidget *editor = m_editors.value(key);
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        return line->text().trimmed();
    if (auto *area = qobject_cast<QPlainTextEdit *>(editor))
        return area->toPlainText().trimmed();
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        return combo->currentData().toString();
    return {};
}

void IntakeFormWidget::setText(const QString &key, const QString &value)
{
    QWidget *editor = m_editors.value(key);
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        line->setText(value);
    else if (auto *area = qobject_cast<QPlainTextEdit *>(editor))
        area->setPlainText(value);
    else if (auto *combo = qobject_cast<QComboBox *>(editor))
        combo->setCurrentIndex(qMax(0, combo->findData(value)));
}

QJsonObject IntakeFormWidget::values() const
{
    QJsonObject values;
    for (const FormField &field : m_fields) {
        const QString value = text(field.key);
        if (value.isEmpty())
            continue;
        bool ok = false;
        const double number = value.toDouble(&ok);
        if (isNumeric(field.type) && ok)
            values.insert(field.key, number);
        else
            values.insert(field.key, value);
    }
    return values;
}

void IntakeFormWidget::setValues(const QJsonObject &values)
{
    m_settingValues = true;
    for (const FormField &field : m_fields) {
        const QJsonValue value = values.value(field.key);
        setText(field.key, value.isDouble() ? QString::number(value.toDouble(), 'g', 15) : value.toString());
    }
    m_settingValues = false;
    emit changed();
}

void IntakeFormWidget::prefill(const QString &key, const QString &value)
{
    if (m_editors.contains(key) && text(key).isEmpty() && !value.isEmpty())
        setText(key, value);
}

QStringList IntakeFormWidget::validate()
{
    QStringList messages;
    for (const FormField &field : m_fields) {
        const QString value = text(field.key);
        QString message = checkValue(field, value);
        if (message.isEmpty() && field.required && value.isEmpty())
            message = Tr::tr("%1 is required.").arg(field.label);
        showMessage(field.key, message);
        if (!message.isEmpty())
            messages.append(message);
    }
    return messages;
}

QString IntakeFormWidget::checkValue(const FormField &field, const QString &value)
{
    if (value.isEmpty())
        return {};
    if (field.maxLength > 0 && value.size() > field.maxLength)
        return Tr::tr("%1 may have at most %2 characters.").arg(field.label).arg(field.maxLength);
    switch (field.type) {
    case FieldType::IdNumber: {
        const auto check = core::IdCardNumber::parse(value);
        if (!check.isValid())
            return Tr::tr("%1: %2").arg(field.label, check.message());
        break;
    }
    case FieldType::Uscc: {
        const auto check = core::SocialCreditCode::parse(value);
        if (!check.isValid())
            return Tr::tr("%1: %2").arg(field.label, check.message());
        break;
    }
    case FieldType::Phone: {
        static const QRegularExpression phone(QStringLiteral("^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$"));
        if (!phone.match(value).hasMatch())
            return Tr::tr("%1 must be an 11-digit mobile number or a landline number with its area code.")
                .arg(field.label);
        break;
    }
    case FieldType::Date:
        if (!QDate::fromString(value, QStringLiteral("yyyy-MM-dd")).isValid())
            return Tr::tr("%1 must be a date written like 2026-01-31.").arg(field.label);
        break;
    case FieldType::Number:
    case FieldType::Money: {
        bool ok = false;
        const double number = value.toDouble(&ok);
        if (!ok)
            return Tr::tr("%1 must be a number.").arg(field.label);
        if (field.minimum && number < *field.minimum)
            return Tr::tr("%1 must be at least %2.").arg(field.label).arg(*field.minimum);
        if (field.maximum && number > *field.maximum)
            return Tr::tr("%1 must be at most %2.").arg(field.label).arg(*field.maximum);
        break;
    }
    default:
        break;
    }
    if (!field.pattern.isEmpty()) {
        const QRegularExpression pattern(QRegularExpression::anchoredPattern(field.pattern));
        if (pattern.isValid() && !pattern.match(value).hasMatch())
            return Tr::tr("%1 is not in the expected format.").arg(field.label)
                + (field.hint.isEmpty() ? QString() : QStringLiteral(" ") + field.hint);
    }
    return {};
}

void IntakeFormWidget::showMessage(const QString &key, const QString &message)
{
    if (QLabel *label = m_messages.value(key)) {
        label->setText(message);
        label->setVisible(!message.isEmpty());
    }
}

void IntakeFormWidget::fieldEdited(const QString &key)
{
    for (const FormField &field : m_fields) {
        if (field.key == key)
            showMessage(key, checkValue(field, text(key)));
    }
    if (!m_settingValues)
        emit changed();
}

} // namespace ow::ui
