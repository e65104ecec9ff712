// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: OneWindow contributors
#include "validatecommands.h"

#include <ow/core/idcardnumber.h>
#include <ow/core/region.h>
#include <ow/core/socialcreditcode.h>

namespace ow::admin {

namespace {

// Shared argument handling: exactly one value, which cannot start with '-'
// (neither kind of identifier does), so a mistyped option is a usage error.
class ValidateCommand : public Command
{
public:
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) final
    {
        if (arguments.size() == 1
            && (arguments.first() == QLatin1String("--help") || arguments.first() == QLatin1String("-h"))) {
            out << Tr::tr("Usage: onewindow-admin %1 %2").arg(name(), usage()) << '\n' << summary() << '\n';
            return Success;
        }
        if (arguments.size() != 1 || arguments.first().startsWith(QLatin1Char('-'))) {
            err << Tr::tr("Usage: onewindow-admin %1 %2").arg(name(), usage()) << '\n';
            return Usage;
        }
        return validate(arguments.first(), out, err);
    }

protected:
    virtual int validate(const QString &value, QTextStream &out, QTextStream &err) = 0;

    static void print(QTextStream &out, const char *key, const QString &value)
    {
        out << key << ": " << value << '\n';
    }
};

class ValidateIdCommand final : public ValidateCommand
{
public:
    QString name() const override { return QStringLiteral("validate-id"); }
    QString summary() const override
    {
        return Tr::tr("Check a citizen ID card number and show the facts it encodes");
    }
    QString usage() const override { return QStringLiteral("NUMBER"); }

protected:
    int validate(const QString &value, QTextStream &out, QTextStream &err) override
    {
        const auto check = core::IdCardNumber::parse(value);
        if (!check.isValid()) {
            err << Tr::tr("Invalid ID card number: %1").arg(check.message()) << '\n';
            return Invalid;
        }
        const core::IdCardNumber number = check.number();
        print(out, "number", number.toString());
        if (!number.legacyNumber().isEmpty())
            print(out, "upgradedFrom", number.legacyNumber());
        print(out, "birthDate", number.birthDate().toString(Qt::ISODate));
        print(out, "sex", core::IdCardNumber::sexName(number.sex()));
        print(out, "region", number.regionCode());
        print(out, "province", number.provinceName());
        return Success;
    }
};

class ValidateUsccCommand final : public ValidateCommand
{
public:
    QString name() const override { return QStringLiteral("validate-uscc"); }
    QString summary() const override
    {
        return Tr::tr("Check a unified social credit code and show the facts it encodes");
    }
    QString usage() const override { return QStringLiteral("CODE"); }

protected:
    int validate(const QString &value, QTextStream &out, QTextStream &err) override
    {
        const auto check = core::SocialCreditCode::parse(value);
        if (!check.isValid()) {
            err << Tr::tr("Invalid unified social credit code: %1").arg(check.message()) << '\n';
            return Invalid;
        }
        const core::SocialCreditCode code = check.code();
        print(out, "code", code.toString());
        print(out, "registrationAuthority", code.registrationAuthority());
        print(out, "organisationType", code.organisationType());
        print(out, "region", code.regionCode());
        const QString province = core::provinceName(code.regionCode());
        if (!province.isEmpty())
            print(out, "province", province);
        print(out, "organisationCode", code.organisationCode());
        return Success;
    }
};

} // namespace

void addValidateCommands(Commands &commands)
{
    commands.push_back(std::make_unique<ValidateIdCommand>());
    commands.push_back(std::make_unique<ValidateUsccCommand>());
}

} // namespace ow::admin
