#include "requestfilter.h"

#include "stringpool.h"

#include <QCoreApplication>

namespace Gatehouse::Ui {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::Ui::RequestFilter)
};

// Parses "200ms", "1.5s", "300us", "250" (ms) into microseconds.
std::optional<double> parseDuration(QStringView text)
{
    double scale = 1000; // ms by default
    QStringView number = text;
    if (text.endsWith(u"ms")) {
        number = text.chopped(2);
    } else if (text.endsWith(u"us")) {
        number = text.chopped(2);
        scale = 1;
    } else if (text.endsWith(u"s")) {
        number = text.chopped(1);
        scale = 1'000'000;
    } else if (text.endsWith(u"m")) {
        number = text.chopped(1);
        scale = 60'000'000;
    }
    bool ok = false;
    const double v = number.toDouble(&ok);
    return ok && v >= 0 ? std::optional<double>(v * scale) : std::nullopt;
}

// Parses "512", "1k", "2.5m", "1g" into bytes.
std::optional<double> parseSize(QStringView text)
{
    double scale = 1;
    QStringView number = text;
    const QChar last = text.isEmpty() ? QChar() : text.last().toLower();
    if (last == u'k' || last == u'm' || last == u'g') {
        number = text.chopped(1);
        scale = last == u'k' ? 1024.0 : last == u'm' ? 1024.0 * 1024 : 1024.0 * 1024 * 1024;
    }
    bool ok = false;
    const double v = number.toDouble(&ok);
    return ok && v >= 0 ? std::optional<double>(v * scale) : std::nullopt;
}

} // namespace

QStringList RequestFilter::fieldNames()
{
    return {QStringLiteral("status:"), QStringLiteral("host:"), QStringLiteral("path:"),
            QStringLiteral("method:"), QStringLiteral("service:"), QStringLiteral("endpoint:"),
            QStringLiteral("route:"), QStringLiteral("client:"), QStringLiteral("listener:"),
            QStringLiteral("error:"), QStringLiteral("dur>"), QStringLiteral("dur<"),
            QStringLiteral("in>"), QStringLiteral("out>")};
}

std::optional<RequestFilter> RequestFilter::parse(const QString &text, ParseError *error)
{
    RequestFilter filter;
    auto fail = [&](int pos, int len, const QString &message) -> std::optional<RequestFilter> {
        if (error)
            *error = {pos, len, message};
        return std::nullopt;
    };
    int i = 0;
    const int n = int(text.size());
    while (i < n) {
        while (i < n && text.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        const int start = i;
        while (i < n && !text.at(i).isSpace())
            ++i;
        QStringView token = QStringView(text).mid(start, i - start);
        Term term;
        int bodyStart = start;
        if (token.startsWith(u'-') || token.startsWith(u'!')) {
            term.negate = true;
            token = token.mid(1);
            ++bodyStart;
        }
        // Find the operator: ':' or a comparison.
        qsizetype opAt = -1;
        for (qsizetype k = 0; k < token.size(); ++k) {
            const QChar c = token.at(k);
            if (c == u':' || c == u'<' || c == u'>' || c == u'=' || (c == u'!' && k + 1 < token.size() && token.at(k + 1) == u'=')) {
                opAt = k;
                break;
            }
        }
        if (opAt <= 0) {
            if (token.isEmpty())
                return fail(start, i - start, Tr::tr("A '-' must be followed by a term"));
            term.field = Field::Any;
            term.word = token.toString();
            filter.m_terms.push_back(std::move(term));
            continue;
        }
        const QString name = token.left(opAt).toString().toLower();
        QStringView rest = token.mid(opAt);
        if (rest.startsWith(u">=")) { term.op = Op::GreaterEqual; rest = rest.mid(2); }
        else if (rest.startsWith(u"<=")) { term.op = Op::LessEqual; rest = rest.mid(2); }
        else if (rest.startsWith(u"!=")) { term.op = Op::NotEqual; rest = rest.mid(2); }
        else if (rest.startsWith(u">")) { term.op = Op::Greater; rest = rest.mid(1); }
        else if (rest.startsWith(u"<")) { term.op = Op::Less; rest = rest.mid(1); }
        else if (rest.startsWith(u"=")) { term.op = Op::Equal; rest = rest.mid(1); }
        else { term.op = Op::Match; rest = rest.mid(1); } // ':'
        static const QHash<QString, Field> fields{
            {QStringLiteral("status"), Field::Status}, {QStringLiteral("host"), Field::Host},
            {QStringLiteral("path"), Field::Path}, {QStringLiteral("method"), Field::Method},
            {QStringLiteral("service"), Field::Service}, {QStringLiteral("endpoint"), Field::Endpoint},
            {QStringLiteral("route"), Field::Route}, {QStringLiteral("client"), Field::Client},
            {QStringLiteral("listener"), Field::Listener}, {QStringLiteral("error"), Field::Error},
            {QStringLiteral("dur"), Field::Duration}, {QStringLiteral("duration"), Field::Duration},
            {QStringLiteral("in"), Field::BytesIn}, {QStringLiteral("out"), Field::BytesOut}};
        const auto f = fields.constFind(name);
        if (f == fields.cend())
            return fail(bodyStart, int(opAt), Tr::tr("Unknown field \"%1\"; known: %2")
                                                  .arg(name, fieldNames().join(u' ')));
        term.field = f.value();
        if (rest.isEmpty())
            return fail(start, i - start, Tr::tr("\"%1\" needs a value").arg(token.toString()));
        const int valuePos = i - int(rest.size());
        const bool numeric = term.field == Field::Duration || term.field == Field::BytesIn
                             || term.field == Field::BytesOut || term.field == Field::Listener;
        if (term.op != Op::Match || numeric) {
            std::optional<double> v;
            if (term.field == Field::Duration)
                v = parseDuration(rest);
            else if (term.field == Field::BytesIn || term.field == Field::BytesOut)
                v = parseSize(rest);
            else if (term.field == Field::Status || term.field == Field::Listener) {
                bool ok = false;
                const int number = rest.toInt(&ok);
                if (ok)
                    v = number;
            } else {
                return fail(start, i - start, Tr::tr("\"%1\" cannot be compared; use %1:pattern").arg(name));
            }
            if (!v)
                return fail(valuePos, int(rest.size()),
                            term.field == Field::Duration ? Tr::tr("Not a duration: \"%1\" (e.g. 200ms, 1.5s)").arg(rest.toString())
                                                          : Tr::tr("Not a number: \"%1\"").arg(rest.toString()));
            term.number = *v;
            if (term.op == Op::Match)
                term.op = Op::Equal;
            filter.m_terms.push_back(std::move(term));
            continue;
        }
        for (QStringView alternative : rest.split(u'|', Qt::SkipEmptyParts)) {
            if (term.field == Field::Status) {
                // 5xx, 404, 200-299
                const QString a = alternative.toString().toLower();
                bool ok = false;
                if (a.size() == 3 && a.endsWith(QLatin1String("xx")) && a.at(0).isDigit()) {
                    const int c = a.at(0).digitValue();
                    term.statuses.append({c * 100, c * 100 + 99});
                } else if (a.contains(u'-')) {
                    const int low = a.section(u'-', 0, 0).toInt(&ok);
                    bool ok2 = false;
                    const int high = a.section(u'-', 1, 1).toInt(&ok2);
                    if (!ok || !ok2)
                        return fail(valuePos, int(rest.size()), Tr::tr("Not a status range: \"%1\"").arg(a));
                    term.statuses.append({low, high});
                } else {
                    const int code = a.toInt(&ok);
                    if (!ok)
                        return fail(valuePos, int(rest.size()), Tr::tr("Not a status: \"%1\" (e.g. 404, 5xx, 200-299)").arg(a));
                    term.statuses.append({code, code});
                }
            } else {
                term.patterns.append(QRegularExpression(
                    QRegularExpression::wildcardToRegularExpression(alternative.toString(), QRegularExpression::UnanchoredWildcardConversion)
                        .prepend(u'^').append(u'$'),
                    QRegularExpression::CaseInsensitiveOption));
            }
        }
        if (term.patterns.isEmpty() && term.statuses.isEmpty())
            return fail(start, i - start, Tr::tr("\"%1\" needs a value").arg(token.toString()));
        filter.m_terms.push_back(std::move(term));
    }
    if (error)
        *error = {};
    return filter;
}

bool RequestFilter::matches(const RequestRow &row, const StringPool &pool) const
{
    for (const Term &t : m_terms) {
        if (termMatches(t, row, pool) == t.negate)
            return false;
    }
    return true;
}

bool RequestFilter::termMatches(const Term &t, const RequestRow &row, const StringPool &pool) const
{
    auto compare = [&t](double value) {
        switch (t.op) {
        case Op::Less: return value < t.number;
        case Op::LessEqual: return value <= t.number;
        case Op::Greater: return value > t.number;
        case Op::GreaterEqual: return value >= t.number;
        case Op::NotEqual: return value != t.number;
        case Op::Equal:
        case Op::Match: return value == t.number;
        }
        return false;
    };
    auto anyPattern = [&t](QStringView value) {
        for (const QRegularExpression &re : t.patterns) {
            if (re.match(value).hasMatch())
                return true;
        }
        return false;
    };
    switch (t.field) {
    case Field::Status:
        if (t.op != Op::Match && t.statuses.isEmpty())
            return compare(row.status);
        for (const StatusRange &r : t.statuses) {
            if (row.status >= r.low && row.status <= r.high)
                return true;
        }
        return false;
    case Field::Listener: return compare(row.listenerPort);
    case Field::Duration: return compare(row.durationUs);
    case Field::BytesIn: return compare(double(row.bytesIn));
    case Field::BytesOut: return compare(double(row.bytesOut));
    case Field::Host: return anyPattern(pool.string(row.host));
    case Field::Path: return anyPattern(QString::fromUtf8(row.path));
    case Field::Method: return anyPattern(pool.string(row.method));
    case Field::Service: return anyPattern(pool.string(row.service));
    case Field::Endpoint: return anyPattern(pool.string(row.endpoint));
    case Field::Route: return anyPattern(pool.string(row.route));
    case Field::Client: return anyPattern(pool.string(row.client));
    case Field::Error: return anyPattern(pool.string(row.error));
    case Field::Any:
        return pool.string(row.host).contains(t.word, Qt::CaseInsensitive)
               || QString::fromUtf8(row.path).contains(t.word, Qt::CaseInsensitive);
    }
    return false;
}

} // namespace Gatehouse::Ui
