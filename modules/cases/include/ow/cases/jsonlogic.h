// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#pragma once

#include "ow/cases/cases_export.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace ow::cases {

// Our own JsonLogic (jsonlogic.com) evaluator for smart-approval rules: the
// complete operator set of the reference implementation except "method"
// (which calls arbitrary JavaScript methods), with JavaScript's truthiness,
// type coercion and loose equality, so a rule means here what it means in
// every other JsonLogic engine. No scripting engine is involved.
//
// Stricter than the reference in one way, on purpose: a rule is checked as a
// whole before it runs, and an unknown operator, a wrong number of arguments
// where that would make the result meaningless (e.g. {"==": [1]}) or
// excessive nesting is an error, whichever branch would have been taken.
class OW_CASES_EXPORT JsonLogic
{
public:
    struct Result
    {
        QJsonValue value; // null when evaluation failed
        QString error; // translated, empty on success
        QJsonArray logged; // what "log" operators saw, in order
        bool isValid() const { return error.isEmpty(); }
    };

    // Why `rule` cannot be evaluated (translated, naming the place in the
    // rule as a JSONPath such as $.and[1]), or an empty string.
    static QString check(const QJsonValue &rule);
    static Result evaluate(const QJsonValue &rule, const QJsonValue &data);

    // JavaScript truthiness as JsonLogic uses it: false, null, 0, NaN, ""
    // and [] are false; everything else, including "0" and {}, is true.
    static bool isTruthy(const QJsonValue &value);

    // Any JSON text, including a bare scalar such as `17` or `"apple"` that
    // QJsonDocument does not accept on its own. Nullopt and a translated
    // message in `error` for anything else.
    static std::optional<QJsonValue> parseJson(QByteArrayView text, QString *error = nullptr);
    // Compact JSON as JSON.stringify() writes it: NaN and infinities as null,
    // numbers in JavaScript's shortest form, object keys sorted.
    static QByteArray toJson(const QJsonValue &value);
    // The value as JSON can hold it (NaN and infinities become null), for
    // storing a result in an event, whose canonical JSON admits neither.
    static QJsonValue toStorable(const QJsonValue &value);

    // The operator names this evaluator knows, for documentation and editors.
    static QStringList operators();
    // Rules nested deeper than this are rejected (they are never needed and
    // would only risk the stack).
    static constexpr int maxDepth = 128;
};

} // namespace ow::cases
